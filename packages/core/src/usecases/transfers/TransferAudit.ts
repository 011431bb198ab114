import { DateTime, Effect } from "effect"
import type { Actor } from "../../Actor.js"
import type { AuditActor } from "../../model/AuditEntry.js"
import type { TransferFile } from "../../model/Transfer.js"
import { AuditLog } from "../../ports/AuditLog.js"
import { auditActor } from "../accounts/SignedIn.js"

export type TransferAction = "upload" | "confirm" | "view" | "download" | "expire" | "discard"

/**
 * One audit entry per file and action. The detail holds facts about the file, never its name or
 * description (either may name a child) and never its contents.
 */
export const record = (
  who: Actor | AuditActor,
  action: TransferAction,
  file: TransferFile
): Effect.Effect<void, never, AuditLog> =>
  Effect.gen(function* () {
    const log = yield* AuditLog
    yield* log.append({
      actor: "_tag" in who ? who : auditActor(who),
      at: yield* DateTime.now,
      action: `transfer-file.${action}`,
      subject: { type: "transfer-file", id: file.id },
      detail: {
        batchId: file.batchId,
        recipientOrganisationId: file.recipientOrganisationId,
        recipientRole: file.recipientRole ?? null,
        documentType: file.documentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256
      }
    })
  })
