import { AuditLog } from "@openap/core"
import { DateTime, Effect, Layer, Ref } from "effect"
import { MemoryState } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  AuditLog.AuditLog.of({
    append: (entry) =>
      Ref.update(state, (s) => ({ ...s, audit: [...s.audit, { ...entry, sequence: s.audit.length + 1 }] })),
    list: (f, page) =>
      Effect.map(Ref.get(state), (s) => {
        const all = s.audit
          .filter(
            (e) =>
              (f.subjectType === undefined || e.subject.type === f.subjectType) &&
              (f.subjectId === undefined || e.subject.id === f.subjectId) &&
              (f.actorUserId === undefined ||
                (e.actor._tag === "User" && e.actor.userId === f.actorUserId)) &&
              (f.action === undefined || e.action === f.action) &&
              (f.since === undefined || !DateTime.lessThan(e.at, f.since)) &&
              (f.until === undefined || DateTime.lessThan(e.at, f.until))
          )
          .reverse()
        return { items: all.slice(page.offset, page.offset + page.limit), total: all.length }
      })
  })
)

export const layer = Layer.effect(AuditLog.AuditLog, make)
