import { describe, expect, it } from "@effect/vitest"
import {
  type Actor,
  AuditLog,
  type FileFormatDetector,
  type FileStorage,
  Outbox,
  type Role,
  TransferRepository,
  TransferRoute,
  Transfers
} from "@openap/core"
import { Chunk, DateTime, Duration, Effect, Either, HashMap, Layer, Ref, Stream, TestClock } from "effect"
import { MemoryState } from "../../src/memory/MemoryState.js"
import * as Store from "../../src/Store.js"
import * as FileFormatSniffer from "../../src/storage/FileFormatSniffer.js"
import * as FileStorageMemory from "../../src/storage/FileStorageMemory.js"
import {
  bytesStream,
  emailOf,
  kindOf,
  nowMillis,
  type OrgName,
  orgs,
  type PersonName,
  pdfBytes,
  people,
  seed
} from "./TransferWorld.js"

const settings: Transfers.TransferSettings.TransferSettings = {
  ...Transfers.TransferSettings.defaults,
  maxFileBytes: 4096,
  maxFilesPerBatch: 3
}

const testLayer = Layer.mergeAll(Store.layerMemory, FileStorageMemory.layer, FileFormatSniffer.layer)

const run = <A, E>(
  effect: Effect.Effect<
    A,
    E,
    | Store.Repositories
    | MemoryState
    | FileStorage.FileStorage
    | FileStorageMemory.StoredObjects
    | FileFormatDetector.FileFormatDetector
  >
) =>
  Effect.provide(TestClock.setTime(nowMillis).pipe(Effect.zipRight(seed), Effect.zipRight(effect)), testLayer)

const storedCount = Effect.flatMap(FileStorageMemory.StoredObjects, (objects) =>
  Effect.map(Ref.get(objects), HashMap.size)
)

/** The database and the file store, before and after: a refusal must leave both as they were. */
const unchangedBy = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const state = yield* MemoryState
    const before = yield* Ref.get(state)
    const storedBefore = yield* storedCount
    const outcome = yield* Effect.either(effect)
    expect(yield* Ref.get(state)).toBe(before)
    expect(yield* storedCount).toBe(storedBefore)
    return outcome
  })

const tagOf = <A, E extends { readonly _tag: string }>(outcome: Either.Either<A, E>) =>
  Either.isLeft(outcome) ? outcome.left._tag : "Sent"

interface FileSpec {
  readonly to: OrgName
  readonly role?: Role.Role
  readonly name?: string
  readonly bytes?: Uint8Array
  readonly documentType?: string
  readonly description?: string
}

/** Uploads each file, addresses the batch as a draft, and confirms it: the whole send journey. */
const send = (actor: Actor.Actor, files: ReadonlyArray<FileSpec>) =>
  Effect.gen(function* () {
    const items: Array<Transfers.DraftItem> = []
    for (const [i, f] of files.entries()) {
      const staged = yield* Transfers.storeUpload(actor, settings, {
        filename: f.name ?? `file-${i}.pdf`,
        content: bytesStream(f.bytes ?? pdfBytes(`file ${i}`))
      }).pipe(
        Effect.tapError(() => Transfers.discardUploads(items.map((it) => it.staged)).pipe(Effect.ignore))
      )
      items.push({
        staged,
        address: {
          recipientOrganisationId: orgs[f.to],
          recipientRole: f.role,
          documentType: f.documentType ?? "risk_assessment",
          description: f.description ?? `File ${i}`
        }
      })
    }
    const batchId = yield* Transfers.createDraft(actor, settings, items)
    return yield* Transfers.confirmDraft(actor, batchId)
  })

const inboxNames = (actor: Actor.Actor) =>
  Effect.map(Transfers.inbox(actor, settings), (entries) => entries.map((e) => e.file.filename))

const readAll = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => Buffer.concat(Chunk.toArray(chunks)))

/** The rules, written out from DOMAIN.md and the guidance rather than from the code under test. */
const allowedRoutes = new Set(["cap>school", "cap>provider", "school>cap", "provider>cap"])
const senderRoles: Record<string, ReadonlyArray<Role.Role>> = {
  cap: ["admin", "coordinator", "monitoring_officer"],
  school: ["cap_coordinator", "dsl"],
  provider: ["cap_coordinator", "dsl"]
}
const expected = (sender: PersonName, to: OrgName, role: Role.Role | undefined): string => {
  const actor = people[sender]
  if (!actor.roles.some((r) => senderRoles[actor.orgKind]!.includes(r))) return "TransferNotPermitted"
  if (!allowedRoutes.has(`${actor.orgKind}>${kindOf[to]}`)) return "RouteNotPermitted"
  if (kindOf[to] === "cap") return role === undefined ? "Sent" : "InvalidAddress"
  return role === "cap_coordinator" || role === "dsl" ? "Sent" : "InvalidAddress"
}

describe("sending files: every route pair, every role", () => {
  const senders = Object.keys(people) as Array<PersonName>
  const recipients = Object.keys(orgs) as Array<OrgName>
  const roles: ReadonlyArray<Role.Role | undefined> = [undefined, "cap_coordinator", "dsl", "tutor", "admin"]
  for (const sender of senders) {
    it.effect(`${sender} sends to each organisation with each role: only permitted routes go through`, () =>
      run(
        Effect.gen(function* () {
          for (const to of recipients) {
            for (const role of roles) {
              const want = expected(sender, to, role)
              const attempt = send(people[sender], [{ to, ...(role === undefined ? {} : { role }) }])
              const outcome = want === "Sent" ? yield* Effect.either(attempt) : yield* unchangedBy(attempt)
              expect({ to, role, outcome: tagOf(outcome) }).toEqual({ to, role, outcome: want })
            }
          }
        })
      )
    )
  }

  it("the rules table agrees with the core's route list", () => {
    for (const from of ["cap", "school", "provider"] as const)
      for (const to of ["cap", "school", "provider"] as const)
        expect(TransferRoute.isPermitted(from, to)).toBe(allowedRoutes.has(`${from}>${to}`))
  })

  it.effect("one forbidden file refuses the whole batch: nothing stored, nothing recorded", () =>
    run(
      Effect.gen(function* () {
        const outcome = yield* unchangedBy(
          send(people.schoolADsl, [{ to: "cap" }, { to: "providerP", role: "dsl" }, { to: "cap" }])
        )
        expect(tagOf(outcome)).toBe("RouteNotPermitted")
      })
    )
  )

  it.effect("a recipient id that is not an organisation is refused, with nothing stored", () =>
    run(
      Effect.gen(function* () {
        const outcome = yield* unchangedBy(
          Effect.gen(function* () {
            const staged = yield* Transfers.storeUpload(people.capAdmin, settings, {
              filename: "a.pdf",
              content: bytesStream(pdfBytes("a"))
            })
            return yield* Transfers.createDraft(people.capAdmin, settings, [
              {
                staged,
                address: {
                  recipientOrganisationId: "../../etc",
                  recipientRole: "dsl",
                  documentType: "ehcp",
                  description: ""
                }
              }
            ])
          })
        )
        expect(Either.isLeft(outcome) && outcome.left).toMatchObject({
          _tag: "InvalidAddress",
          reason: "unknown-recipient"
        })
      })
    )
  )

  it.effect("more files than the limit, an unknown document type, an over-long description are refused", () =>
    run(
      Effect.gen(function* () {
        const many = Array.from({ length: settings.maxFilesPerBatch + 1 }, () => ({ to: "cap" as const }))
        expect(tagOf(yield* unchangedBy(send(people.schoolADsl, many)))).toBe("InvalidBatch")
        expect(
          tagOf(yield* unchangedBy(send(people.schoolADsl, [{ to: "cap", documentType: "letter" }])))
        ).toBe("InvalidAddress")
        expect(
          tagOf(yield* unchangedBy(send(people.schoolADsl, [{ to: "cap", description: "x".repeat(501) }])))
        ).toBe("InvalidAddress")
      })
    )
  )
})

describe("uploads: limits and hostile input, each leaving nothing stored", () => {
  const upload = (filename: string, bytes: Uint8Array | Stream.Stream<Uint8Array>) =>
    unchangedBy(
      Transfers.storeUpload(people.schoolADsl, settings, {
        filename,
        content: bytes instanceof Uint8Array ? bytesStream(bytes) : bytes
      })
    )
  const reasonOf = (outcome: Either.Either<unknown, { readonly _tag: string; readonly reason?: string }>) =>
    Either.isLeft(outcome) ? `${outcome.left._tag}:${outcome.left.reason}` : "stored"

  it.effect("empty, oversize, and wrong-type files", () =>
    run(
      Effect.gen(function* () {
        expect(reasonOf(yield* upload("empty.pdf", new Uint8Array(0)))).toBe("UploadRejected:empty")
        const big = new Uint8Array(settings.maxFileBytes + 1)
        big.set(pdfBytes("big"))
        expect(reasonOf(yield* upload("big.pdf", big))).toBe("UploadRejected:too-large")
        // The limit holds however the bytes arrive: 1 KiB at a time, past the limit.
        const trickle = Stream.range(1, 5).pipe(Stream.map(() => new Uint8Array(1024).fill(65)))
        expect(reasonOf(yield* upload("notes.txt", trickle))).toBe("UploadRejected:too-large")
        const zip = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])
        expect(reasonOf(yield* upload("report.pdf", zip))).toBe("UploadRejected:format")
        const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])
        expect(reasonOf(yield* upload("invoice.pdf", exe))).toBe("UploadRejected:format")
        const binary = Uint8Array.from([0x41, 0x00, 0x42, 0x43])
        expect(reasonOf(yield* upload("data.csv", binary))).toBe("UploadRejected:format")
      })
    )
  )

  it.effect("names with path tricks or control characters", () =>
    run(
      Effect.gen(function* () {
        const pdf = pdfBytes("x")
        expect(reasonOf(yield* upload("../../etc/passwd", pdf))).toBe("UploadRejected:path")
        expect(reasonOf(yield* upload("..\\boot.ini", pdf))).toBe("UploadRejected:path")
        expect(reasonOf(yield* upload("C:evil.pdf", pdf))).toBe("UploadRejected:path")
        expect(reasonOf(yield* upload("..", pdf))).toBe("UploadRejected:path")
        expect(reasonOf(yield* upload("bad\u0000name.pdf", pdf))).toBe("UploadRejected:control-characters")
        expect(reasonOf(yield* upload("line\nbreak.pdf", pdf))).toBe("UploadRejected:control-characters")
        expect(reasonOf(yield* upload("invoice\u202Efdp.exe", pdf))).toBe("UploadRejected:control-characters")
        expect(reasonOf(yield* upload("   ", pdf))).toBe("UploadRejected:missing")
      })
    )
  )

  it.effect("accepted formats are recognised by content, whatever the name says", () =>
    run(
      Effect.gen(function* () {
        const store = (filename: string, bytes: Uint8Array) =>
          Transfers.storeUpload(people.schoolADsl, settings, { filename, content: bytesStream(bytes) })
        expect((yield* store("scan", pdfBytes("a"))).format).toBe("pdf")
        expect(
          (yield* store("list.csv", new TextEncoder().encode("name,date\nAva,2025-10-06\n"))).format
        ).toBe("text")
        expect((yield* store("notes.txt", new TextEncoder().encode("Café — £5\r\n"))).format).toBe("text")
        const png = Uint8Array.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
        ])
        expect((yield* store("photo.pdf", png)).format).toBe("png")
        const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])
        expect((yield* store("photo", jpeg)).format).toBe("jpeg")
        const cfb = new Uint8Array(512)
        cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
        expect((yield* store("old.doc", cfb)).format).toBe("office-legacy")
        expect(yield* storedCount).toBe(6)
      })
    )
  )
})

describe("receiving files", () => {
  it.effect(
    "a draft is invisible until confirmed; then only the addressed role at the addressed place sees it",
    () =>
      run(
        Effect.gen(function* () {
          const staged = yield* Transfers.storeUpload(people.capCoordinator, settings, {
            filename: "risk-assessment.pdf",
            content: bytesStream(pdfBytes("risk"))
          })
          const batchId = yield* Transfers.createDraft(people.capCoordinator, settings, [
            {
              staged,
              address: {
                recipientOrganisationId: orgs.providerP,
                recipientRole: "dsl",
                documentType: "risk_assessment",
                description: "Risk assessment"
              }
            }
          ])
          expect(yield* inboxNames(people.providerPDsl)).toEqual([])
          const review = yield* Transfers.reviewDraft(people.capCoordinator, batchId)
          expect(review.files.map((f) => [f.recipient.name, f.file.recipientRole])).toEqual([
            ["Pathways Training", "dsl"]
          ])
          yield* Transfers.confirmDraft(people.capCoordinator, batchId)

          expect(yield* inboxNames(people.providerPDsl)).toEqual(["risk-assessment.pdf"])
          expect(yield* inboxNames(people.providerPCoordinator)).toEqual([])
          expect(yield* inboxNames(people.providerQCoordinator)).toEqual([])
          expect(yield* inboxNames(people.schoolADsl)).toEqual([])
          expect(tagOf(yield* Effect.either(Transfers.inbox(people.providerPTutor, settings)))).toBe(
            "TransferNotPermitted"
          )
          // CAP's own inbox holds what establishments send to CAP, not what CAP sent.
          expect(yield* inboxNames(people.capAdmin)).toEqual([])
        })
      )
  )

  it.effect("a school DSL's file is not visible to the school's coordinator, and vice versa", () =>
    run(
      Effect.gen(function* () {
        yield* send(people.capAdmin, [
          { to: "schoolA", role: "dsl", name: "for-dsl.pdf" },
          { to: "schoolA", role: "cap_coordinator", name: "for-coordinator.pdf" }
        ])
        expect(yield* inboxNames(people.schoolADsl)).toEqual(["for-dsl.pdf"])
        expect(yield* inboxNames(people.schoolACoordinator)).toEqual(["for-coordinator.pdf"])
        expect(yield* inboxNames(people.schoolBDsl)).toEqual([])
      })
    )
  )

  it.effect("CAP sees every file every establishment sent to CAP", () =>
    run(
      Effect.gen(function* () {
        yield* send(people.schoolADsl, [{ to: "cap", name: "from-a.pdf" }])
        yield* TestClock.adjust("1 minute")
        yield* send(people.providerQCoordinator, [{ to: "cap", name: "from-q.pdf" }])
        for (const who of [people.capAdmin, people.capCoordinator, people.capOfficer])
          expect(yield* inboxNames(who)).toEqual(["from-q.pdf", "from-a.pdf"])
      })
    )
  )

  it.effect(
    "downloads: the bytes come back intact; new becomes downloaded; the sender sees who and when",
    () =>
      run(
        Effect.gen(function* () {
          const bytes = pdfBytes("EHCP for a learner")
          const [file] = yield* send(people.schoolADsl, [
            { to: "cap", name: "ehcp.pdf", bytes, documentType: "ehcp" }
          ])
          const before = yield* Transfers.inbox(people.capAdmin, settings)
          expect(before.map((e) => e.state)).toEqual(["new"])
          yield* TestClock.adjust("5 minutes")
          const [opened] = yield* Transfers.downloadFiles(people.capAdmin, [file!.id])
          expect((yield* readAll(opened!.content)).equals(Buffer.from(bytes))).toBe(true)
          const after = yield* Transfers.inbox(people.capOfficer, settings)
          expect(after.map((e) => e.state)).toEqual(["downloaded"])
          const sent = yield* Transfers.sentFiles(people.schoolACoordinator)
          expect(sent.map((s) => s.accesses.map((a) => [a.kind, a.userName, a.organisationName]))).toEqual([
            [["download", "Person capAdmin", "Coventry CAP"]]
          ])
          expect(sent[0]!.accesses[0]!.at.epochMillis).toBe(nowMillis + 5 * 60_000)
        })
      )
  )

  it.effect("a foreign download (school B asking for school A's file id) discloses and records nothing", () =>
    run(
      Effect.gen(function* () {
        const [mine] = yield* send(people.capAdmin, [{ to: "schoolA", role: "dsl" }])
        const [theirs] = yield* send(people.capAdmin, [{ to: "schoolB", role: "dsl" }])
        for (const who of [people.schoolBDsl, people.schoolACoordinator, people.providerPDsl]) {
          const outcome = yield* unchangedBy(Transfers.downloadFiles(who, [mine!.id]))
          expect(tagOf(outcome)).toBe("TransferFileNotFound")
          expect(tagOf(yield* unchangedBy(Transfers.viewFile(who, mine!.id)))).toBe("TransferFileNotFound")
        }
        // One foreign id among the recipient's own refuses the lot.
        expect(
          tagOf(yield* unchangedBy(Transfers.downloadFiles(people.schoolBDsl, [theirs!.id, mine!.id])))
        ).toBe("TransferFileNotFound")
        // The sender's own organisation is not a recipient either.
        expect(tagOf(yield* unchangedBy(Transfers.downloadFiles(people.capAdmin, [mine!.id])))).toBe(
          "TransferFileNotFound"
        )
      })
    )
  )

  it.effect("the audit log records upload, confirm, view and download of every file", () =>
    run(
      Effect.gen(function* () {
        const [a, b] = yield* send(people.capAdmin, [
          { to: "providerP", role: "dsl" },
          { to: "providerP", role: "dsl" }
        ])
        yield* Transfers.viewFile(people.providerPDsl, a!.id)
        yield* Transfers.downloadFiles(people.providerPDsl, [a!.id, b!.id])
        const log = yield* AuditLog.AuditLog
        const entries = (yield* log.list({ subjectType: "transfer-file" }, { offset: 0, limit: 100 })).items
        const actions = (id: string) =>
          entries
            .filter((e) => e.subject.id === id)
            .map((e) => e.action)
            .sort()
        expect(actions(a!.id)).toEqual([
          "transfer-file.confirm",
          "transfer-file.download",
          "transfer-file.upload",
          "transfer-file.view"
        ])
        expect(actions(b!.id)).toEqual([
          "transfer-file.confirm",
          "transfer-file.download",
          "transfer-file.upload"
        ])
        expect(JSON.stringify(entries)).not.toContain("file-0.pdf")
      })
    )
  )

  it.effect("the recipients are told through the outbox: the addressed role's holders only", () =>
    run(
      Effect.gen(function* () {
        yield* send(people.capAdmin, [
          { to: "providerP", role: "dsl" },
          { to: "providerP", role: "dsl" },
          { to: "schoolA", role: "cap_coordinator" }
        ])
        const messages = yield* (yield* Outbox.Outbox).list({ limit: 10 })
        expect(
          messages
            .map((m) => [
              m.kind,
              m.recipients,
              (m.content as unknown as { data: { fileCount: number } }).data.fileCount
            ])
            .sort()
        ).toEqual([
          ["transfer-received", [emailOf("providerPDsl")], 2],
          ["transfer-received", [emailOf("schoolACoordinator")], 1]
        ])
        yield* send(people.schoolADsl, [{ to: "cap" }])
        const toCap = (yield* (yield* Outbox.Outbox).list({ limit: 10 })).filter((m) =>
          m.recipients.includes(emailOf("capAdmin"))
        )
        expect(toCap.map((m) => m.recipients)).toEqual([
          [emailOf("capAdmin"), emailOf("capCoordinator"), emailOf("capOfficer")].sort()
        ])
      })
    )
  )
})

describe("drafts", () => {
  const draft = (actor: Actor.Actor) =>
    Effect.gen(function* () {
      const staged = yield* Transfers.storeUpload(actor, settings, {
        filename: "a.pdf",
        content: bytesStream(pdfBytes("a"))
      })
      return yield* Transfers.createDraft(actor, settings, [
        { staged, address: { recipientOrganisationId: orgs.cap, documentType: "invoice", description: "" } }
      ])
    })

  it.effect("only its uploader may review, send or cancel a draft; a sent batch cannot be sent again", () =>
    run(
      Effect.gen(function* () {
        const batchId = yield* draft(people.schoolADsl)
        for (const other of [people.schoolACoordinator, people.schoolBDsl, people.capAdmin]) {
          expect(tagOf(yield* unchangedBy(Transfers.confirmDraft(other, batchId)))).toBe(
            "TransferBatchNotFound"
          )
          expect(tagOf(yield* unchangedBy(Transfers.cancelDraft(other, batchId)))).toBe(
            "TransferBatchNotFound"
          )
          expect(tagOf(yield* Effect.either(Transfers.reviewDraft(other, batchId)))).toBe(
            "TransferBatchNotFound"
          )
        }
        yield* Transfers.confirmDraft(people.schoolADsl, batchId)
        expect(tagOf(yield* unchangedBy(Transfers.confirmDraft(people.schoolADsl, batchId)))).toBe(
          "TransferBatchNotFound"
        )
      })
    )
  )

  it.effect("cancelling a draft deletes its stored files", () =>
    run(
      Effect.gen(function* () {
        const batchId = yield* draft(people.providerPCoordinator)
        expect(yield* storedCount).toBe(1)
        yield* Transfers.cancelDraft(people.providerPCoordinator, batchId)
        expect(yield* storedCount).toBe(0)
        expect(tagOf(yield* Effect.either(Transfers.reviewDraft(people.providerPCoordinator, batchId)))).toBe(
          "TransferBatchNotFound"
        )
      })
    )
  )

  it("copy top organisation / role / description to all fills the rest from the first file", () => {
    const rows = [
      { recipientOrganisationId: "a", recipientRole: "dsl", documentType: "ehcp", description: "top" },
      {
        recipientOrganisationId: "b",
        recipientRole: "cap_coordinator",
        documentType: "invoice",
        description: "x"
      },
      { recipientOrganisationId: "", documentType: "other", description: "" }
    ]
    expect(Transfers.copyTop(rows, { organisation: true, role: false, description: true })).toEqual([
      rows[0],
      {
        recipientOrganisationId: "a",
        recipientRole: "cap_coordinator",
        documentType: "invoice",
        description: "top"
      },
      { recipientOrganisationId: "a", documentType: "other", description: "top" }
    ])
    expect(
      Transfers.copyTop(rows, { organisation: false, role: true, description: false }).map(
        (r) => r.recipientRole
      )
    ).toEqual(["dsl", "dsl", "dsl"])
  })

  it.effect("the destinations offered are the permitted routes only", () =>
    run(
      Effect.gen(function* () {
        const offered = (who: Actor.Actor) =>
          Effect.map(Transfers.destinations(who), (ds) => ds.map((d) => d.organisation.id).sort())
        expect(yield* offered(people.capAdmin)).toEqual(
          [orgs.schoolA, orgs.schoolB, orgs.providerP, orgs.providerQ].sort()
        )
        expect(yield* offered(people.schoolADsl)).toEqual([orgs.cap])
        expect(yield* offered(people.providerQCoordinator)).toEqual([orgs.cap])
        expect(tagOf(yield* Effect.either(offered(people.providerPTutor)))).toBe("TransferNotPermitted")
      })
    )
  )
})

describe("retention", () => {
  it.effect(
    "the inbox warns before expiry; the expiry job deletes the file with its key and records it",
    () =>
      run(
        Effect.gen(function* () {
          const [file] = yield* send(people.capAdmin, [{ to: "schoolA", role: "dsl" }])
          expect((yield* Transfers.inbox(people.schoolADsl, settings)).map((e) => e.expiresSoon)).toEqual([
            false
          ])
          yield* TestClock.adjust(Duration.subtract(settings.retention, settings.expiryWarning))
          const warned = yield* Transfers.inbox(people.schoolADsl, settings)
          expect(warned.map((e) => [e.expiresSoon, Transfers.daysLeft(e.file, warned[0]!.sentAt)])).toEqual([
            [true, 90]
          ])
          expect((yield* Transfers.expireFiles(settings)).filesDeleted).toBe(0)
          yield* TestClock.adjust(settings.expiryWarning)
          expect(yield* Transfers.expireFiles(settings)).toEqual({
            filesDeleted: 1,
            partialUploadsRemoved: 0
          })
          expect(yield* storedCount).toBe(0)
          expect(yield* inboxNames(people.schoolADsl)).toEqual([])
          expect(tagOf(yield* Effect.either(Transfers.downloadFiles(people.schoolADsl, [file!.id])))).toBe(
            "TransferFileNotFound"
          )
          const log = yield* AuditLog.AuditLog
          const expiry = (yield* log.list({ action: "transfer-file.expire" }, { offset: 0, limit: 10 })).items
          expect(expiry.map((e) => [e.subject.id, e.actor._tag])).toEqual([[file!.id, "System"]])
          // Running it again finds nothing left to do.
          expect((yield* Transfers.expireFiles(settings)).filesDeleted).toBe(0)
          expect(yield* (yield* TransferRepository.TransferRepository).expired(yield* DateTime.now)).toEqual(
            []
          )
        })
      )
  )
})
