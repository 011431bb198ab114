import { DateTime, Effect } from "effect"
import { AuditLog } from "../../ports/AuditLog.js"
import { SessionStore } from "../../ports/SessionStore.js"
import { auditActor, type SignedIn } from "./SignedIn.js"

export const signOut = (signedIn: SignedIn) =>
  Effect.gen(function* () {
    yield* (yield* SessionStore).delete(signedIn.sessionId)
    yield* (yield* AuditLog).append({
      actor: auditActor(signedIn.actor),
      at: yield* DateTime.now,
      action: "signed-out",
      subject: { type: "user", id: signedIn.user.id }
    })
  })
