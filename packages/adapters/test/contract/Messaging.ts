import type { Vitest } from "@effect/vitest"
import { expect } from "@effect/vitest"
import {
  AuditLog,
  Ids,
  type Notification,
  OrganisationRepository,
  Outbox,
  TransferRepository,
  UnitOfWork
} from "@openap/core"
import { DateTime, Effect, Either, Option } from "effect"
import type * as Store from "../../src/Store.js"
import { newId, nowInstant, user, world } from "./World.js"

const at = (minutes: number) => DateTime.add(nowInstant, { minutes })
const far = DateTime.add(nowInstant, { days: 3650 })

/** Other tests may leave messages due in a shared database: settle them all first. */
const drain = Effect.gen(function* () {
  const outbox = yield* Outbox.Outbox
  for (;;) {
    const claimed = yield* outbox.claimDue(far, 100, far)
    if (claimed.length === 0) return
    for (const n of claimed) yield* outbox.markSent(n.id, far)
  }
})

const message = (key: string, minutes = 0) =>
  Effect.map(
    newId(Ids.NotificationId),
    (id): Notification.Notification => ({
      id,
      key,
      kind: "absence-alert",
      recipients: ["coordinator@alder.example.test", "dsl@alder.example.test"],
      subject: "Unexplained absence",
      content: {
        _tag: "Template",
        template: "absence-alert",
        data: { lessonId: "x", count: 2, urgent: true }
      },
      status: "pending",
      attempts: 0,
      nextAttemptAt: at(minutes),
      createdAt: at(minutes)
    })
  )

export const outbox = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("outbox: one message per key; claims due messages oldest first and only once", () =>
    Effect.gen(function* () {
      yield* drain
      const repo = yield* Outbox.Outbox
      const key = `alert-${yield* newId(Ids.NotificationId)}`
      const first = yield* message(key, 1)
      expect(yield* repo.enqueue(first)).toBe(true)
      expect(yield* repo.enqueue({ ...(yield* message(key, 2)), subject: "again" })).toBe(false)
      expect(yield* repo.findByKey(key)).toEqual(Option.some(first))
      const rendered = {
        ...(yield* message(`${key}-b`, 0)),
        content: { _tag: "Rendered" as const, text: "Hello", html: "<p>Hello</p>" }
      }
      yield* repo.enqueue(rendered)
      const notYet = { ...(yield* message(`${key}-c`, 30)) }
      yield* repo.enqueue(notYet)
      const claimed = yield* repo.claimDue(at(5), 10, at(10))
      expect(claimed.map((n) => n.id)).toEqual([rendered.id, first.id])
      expect(claimed[1]).toEqual({ ...first, status: "sending", attempts: 1, claimedUntil: at(10) })
      expect(claimed[0]?.content).toEqual(rendered.content)
      expect(yield* repo.claimDue(at(6), 10, at(10))).toEqual([])
      yield* repo.markAttempted(first.id, at(6))
      const reclaimed = yield* repo.claimDue(at(10), 1, at(20))
      expect(reclaimed.map((n) => [n.id, n.attempts, n.attemptedAt])).toEqual([[rendered.id, 2, undefined]])
      const again = yield* repo.claimDue(at(10), 5, at(20))
      expect(again.map((n) => [n.id, n.attempts, n.attemptedAt])).toEqual([[first.id, 2, at(6)]])
      yield* repo.markSent(first.id, at(11))
      expect(yield* repo.findById(first.id)).toEqual(
        Option.some({ ...first, status: "sent", attempts: 2, attemptedAt: at(6), sentAt: at(11) })
      )
      yield* repo.markFailed(rendered.id, "550 mailbox unavailable", at(40))
      expect(Option.getOrThrow(yield* repo.findById(rendered.id))).toEqual({
        ...rendered,
        status: "pending",
        attempts: 2,
        lastError: "550 mailbox unavailable",
        nextAttemptAt: at(40)
      })
      expect((yield* repo.claimDue(at(35), 10, at(45))).map((n) => n.id)).toEqual([notYet.id])
      yield* repo.markDead(notYet.id, "gave up")
      expect((yield* repo.list({ status: "dead", limit: 100 })).some((n) => n.id === notYet.id)).toBe(true)
      expect((yield* repo.list({ status: "pending", limit: 100 })).map((n) => n.id)).toContain(rendered.id)
      const newest = yield* repo.list({ limit: 2 })
      expect(newest.length).toBe(2)
      expect(DateTime.greaterThanOrEqualTo(newest[0]!.createdAt, newest[1]!.createdAt)).toBe(true)
      yield* drain
    })
  )
}

export const audit = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("audit: appended entries are listed newest first, filtered and paged", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog.AuditLog
      const w = yield* world
      const subject = { type: "learner", id: w.ava.id }
      const actor = { _tag: "User" as const, userId: w.coordinatorA.id, organisationId: w.schoolA.id }
      yield* log.append({ actor, at: at(0), action: "learner.viewed", subject })
      yield* log.append({
        actor: { _tag: "System", name: "absence-alerts" },
        at: at(1),
        action: "learner.alerted",
        subject,
        detail: { lessons: 2, school: "Alder", urgent: true, note: null }
      })
      yield* log.append({ actor, at: at(2), action: "learner.viewed", subject })
      const all = yield* log.list({ subjectType: "learner", subjectId: w.ava.id }, { offset: 0, limit: 10 })
      expect(all.total).toBe(3)
      expect(all.items.map((e) => e.action)).toEqual(["learner.viewed", "learner.alerted", "learner.viewed"])
      expect(all.items[0]!.sequence).toBeGreaterThan(all.items[1]!.sequence)
      const { sequence: _, ...system } = all.items[1]!
      expect(system).toEqual({
        actor: { _tag: "System", name: "absence-alerts" },
        at: at(1),
        action: "learner.alerted",
        subject,
        detail: { lessons: 2, school: "Alder", urgent: true, note: null }
      })
      const viewed = yield* log.list(
        { subjectId: w.ava.id, action: "learner.viewed", since: at(1) },
        { offset: 0, limit: 10 }
      )
      expect(viewed.items.map((e) => e.at)).toEqual([at(2)])
      const byActor = yield* log.list(
        { actorUserId: w.coordinatorA.id, until: at(2) },
        { offset: 0, limit: 10 }
      )
      expect(byActor.items.map((e) => e.at)).toEqual([at(0)])
      expect((yield* log.list({ subjectId: w.ava.id }, { offset: 2, limit: 10 })).items.length).toBe(1)
    })
  )
}

export const unitOfWork = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect("unit of work: a failure undoes every write; success keeps them all", () =>
    Effect.gen(function* () {
      const uow = yield* UnitOfWork.UnitOfWork
      const orgs = yield* OrganisationRepository.OrganisationRepository
      const outbox = yield* Outbox.Outbox
      const log = yield* AuditLog.AuditLog
      const orgId = yield* newId(Ids.OrganisationId)
      const key = `welcome-${orgId}`
      const change = Effect.gen(function* () {
        yield* orgs.create({ id: orgId, kind: "school", name: "Rowan School" })
        yield* outbox.enqueue(yield* message(key))
        yield* log.append({
          actor: { _tag: "System", name: "test" },
          at: nowInstant,
          action: "organisation.created",
          subject: { type: "organisation", id: orgId }
        })
      })
      const failed = yield* Effect.either(
        uow.transaction(Effect.zipRight(change, Effect.fail("refused" as const)))
      )
      expect(failed).toEqual(Either.left("refused"))
      expect(yield* orgs.findById(orgId)).toEqual(Option.none())
      expect(yield* outbox.findByKey(key)).toEqual(Option.none())
      expect((yield* log.list({ subjectId: orgId }, { offset: 0, limit: 10 })).total).toBe(0)
      yield* uow.transaction(change)
      expect(Option.isSome(yield* orgs.findById(orgId))).toBe(true)
      expect(Option.isSome(yield* outbox.findByKey(key))).toBe(true)
      expect((yield* log.list({ subjectId: orgId }, { offset: 0, limit: 10 })).total).toBe(1)
      yield* drain
    })
  )
}

export const transfers = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  it.effect(
    "transfers: a draft is seen by nobody; once confirmed, only the addressed organisation and role see it",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const repo = yield* TransferRepository.TransferRepository
        const dsl = yield* user(w.schoolA.id, ["dsl"], "dsl")
        const batchId = yield* newId(Ids.TransferBatchId)
        const batch = {
          id: batchId,
          senderOrganisationId: w.cap.id,
          senderUserId: w.capAdmin.id,
          createdAt: at(0)
        }
        const file = (
          n: number,
          recipientOrganisationId: Ids.OrganisationId,
          role?: "dsl" | "cap_coordinator"
        ) =>
          Effect.map(newId(Ids.TransferFileId), (id) => ({
            id,
            batchId,
            senderOrganisationId: w.cap.id,
            recipientOrganisationId,
            ...(role === undefined ? {} : { recipientRole: role }),
            documentType: "risk_assessment",
            description: `File ${n}`,
            filename: `file-${n}.pdf`,
            contentType: "application/pdf",
            sizeBytes: 1000 + n,
            sha256: "a".repeat(64),
            storageKey: `key-${id}`,
            expiresAt: DateTime.add(nowInstant, { days: 90 })
          }))
        const toDsl = yield* file(1, w.schoolA.id, "dsl")
        const toCoordinator = yield* file(2, w.schoolA.id, "cap_coordinator")
        const toSchoolB = yield* file(3, w.schoolB.id, "dsl")
        yield* repo.createBatch(batch, [toDsl, toCoordinator, toSchoolB])
        const asDsl = { organisationId: w.schoolA.id, roles: dsl.roles }
        expect(yield* repo.inbox(asDsl)).toEqual([])
        expect(yield* repo.findIncomingFile(asDsl, toDsl.id)).toEqual(Option.none())
        expect(yield* repo.findBatch(w.cap.id, batchId)).toEqual(
          Option.some({ batch, files: [toDsl, toCoordinator, toSchoolB] })
        )
        expect(yield* repo.findBatch(w.schoolA.id, batchId)).toEqual(Option.none())
        expect(yield* repo.confirm(w.schoolA.id, batchId, at(1))).toBe(false)
        expect(yield* repo.confirm(w.cap.id, batchId, at(1))).toBe(true)
        expect(yield* repo.confirm(w.cap.id, batchId, at(2))).toBe(false)
        expect(yield* repo.inbox(asDsl)).toEqual([{ file: toDsl, sentAt: at(1) }])
        expect(
          (yield* repo.inbox({ organisationId: w.schoolA.id, roles: ["cap_coordinator"] })).map(
            (i) => i.file.id
          )
        ).toEqual([toCoordinator.id])
        expect(yield* repo.findIncomingFile(asDsl, toCoordinator.id)).toEqual(Option.none())
        expect(
          yield* repo.findIncomingFile({ organisationId: w.schoolB.id, roles: ["dsl"] }, toDsl.id)
        ).toEqual(Option.none())
        expect(yield* repo.findIncomingFile(asDsl, toDsl.id)).toEqual(Option.some(toDsl))
        yield* repo.recordAccess({
          fileId: toDsl.id,
          userId: dsl.id,
          organisationId: w.schoolA.id,
          kind: "view",
          at: at(3)
        })
        expect(yield* repo.inbox(asDsl)).toEqual([{ file: toDsl, sentAt: at(1) }])
        yield* repo.recordAccess({
          fileId: toDsl.id,
          userId: dsl.id,
          organisationId: w.schoolA.id,
          kind: "download",
          at: at(4)
        })
        yield* repo.recordAccess({
          fileId: toDsl.id,
          userId: dsl.id,
          organisationId: w.schoolA.id,
          kind: "download",
          at: at(5)
        })
        expect(yield* repo.inbox(asDsl)).toEqual([{ file: toDsl, sentAt: at(1), downloadedAt: at(4) }])
        const sent = yield* repo.sent(w.cap.id)
        expect(sent.map((s) => s.file.id)).toEqual([toDsl.id, toCoordinator.id, toSchoolB.id])
        expect(sent[0]?.accesses.map((a) => [a.kind, a.at])).toEqual([
          ["view", at(3)],
          ["download", at(4)],
          ["download", at(5)]
        ])
        expect(yield* repo.findSentFile(w.cap.id, toSchoolB.id)).toEqual(Option.some(toSchoolB))
        expect(yield* repo.findSentFile(w.schoolB.id, toSchoolB.id)).toEqual(Option.none())
      })
  )

  it.effect("transfers: drafts can be discarded; expired files are listed and, once deleted, gone", () =>
    Effect.gen(function* () {
      const w = yield* world
      const repo = yield* TransferRepository.TransferRepository
      const make = (senderOrganisationId: Ids.OrganisationId, days: number) =>
        Effect.gen(function* () {
          const batchId = yield* newId(Ids.TransferBatchId)
          const id = yield* newId(Ids.TransferFileId)
          const file = {
            id,
            batchId,
            senderOrganisationId,
            recipientOrganisationId: w.cap.id,
            documentType: "invoice",
            description: "",
            filename: "invoice.pdf",
            contentType: "application/pdf",
            sizeBytes: 10,
            sha256: "b".repeat(64),
            storageKey: `key-${id}`,
            expiresAt: DateTime.add(nowInstant, { days })
          }
          yield* repo.createBatch(
            { id: batchId, senderOrganisationId, senderUserId: w.tutorA.id, createdAt: nowInstant },
            [file]
          )
          return { batchId, file }
        })
      const draft = yield* make(w.providerA.id, 90)
      expect(yield* repo.discardDraft(w.providerB.id, draft.batchId)).toEqual([])
      expect(yield* repo.discardDraft(w.providerA.id, draft.batchId)).toEqual([draft.file])
      expect(yield* repo.findBatch(w.providerA.id, draft.batchId)).toEqual(Option.none())
      const old = yield* make(w.providerA.id, 1)
      yield* repo.confirm(w.providerA.id, old.batchId, nowInstant)
      expect(yield* repo.discardDraft(w.providerA.id, old.batchId)).toEqual([])
      const capInbox = { organisationId: w.cap.id, roles: ["admin" as const] }
      expect((yield* repo.inbox(capInbox)).map((i) => i.file.id)).toEqual([old.file.id])
      const due = DateTime.add(nowInstant, { days: 1 })
      expect((yield* repo.expired(DateTime.subtract(due, { seconds: 1 }))).map((f) => f.id)).not.toContain(
        old.file.id
      )
      expect((yield* repo.expired(due)).map((f) => f.id)).toContain(old.file.id)
      yield* repo.markDeleted(old.file.id, due)
      expect((yield* repo.expired(due)).map((f) => f.id)).not.toContain(old.file.id)
      expect(yield* repo.inbox(capInbox)).toEqual([])
      expect(yield* repo.findIncomingFile(capInbox, old.file.id)).toEqual(Option.none())
      expect(yield* repo.sent(w.providerA.id)).toEqual([])
    })
  )
}
