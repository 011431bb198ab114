import { Context, type DateTime, type Effect } from "effect"
import type { UserId } from "../Ids.js"
import type { AuditEntry, RecordedAuditEntry } from "../model/AuditEntry.js"
import type { Paged, PageRequest } from "../model/Page.js"

export interface AuditFilter {
  readonly subjectType?: string
  readonly subjectId?: string
  readonly actorUserId?: UserId
  readonly action?: string
  /** Inclusive lower bound. */
  readonly since?: DateTime.Utc
  /** Exclusive upper bound. */
  readonly until?: DateTime.Utc
}

/**
 * The append-only audit log. There is no update and no delete, and the SQL table refuses both
 * (a trigger), so not even a bug or a console session can rewrite history.
 */
export class AuditLog extends Context.Tag("openap/AuditLog")<
  AuditLog,
  {
    readonly append: (entry: AuditEntry) => Effect.Effect<void>
    /** Newest first. */
    readonly list: (filter: AuditFilter, page: PageRequest) => Effect.Effect<Paged<RecordedAuditEntry>>
  }
>() {}
