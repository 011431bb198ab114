import { randomBytes } from "node:crypto"
import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { FileFormatSniffer, FileStorageFs, JobQueue, MemoryMailer } from "@openap/adapters"
import { Actor, AuditLog, FileStorage, Ids, Notifications, TransferRepository, Transfers } from "@openap/core"
import { DateTime, Duration, Effect, Layer, Redacted, Stream } from "effect"
import * as EtaRenderer from "../src/EtaRenderer.js"
import * as Jobs from "../src/Jobs.js"
import * as Links from "../src/Links.js"
import * as Worker from "../src/Worker.js"
import type { WorkerSettings } from "../src/WorkerConfig.js"
import { ids, seed } from "./Fixtures.js"
import { at, databaseStores } from "./Stores.js"

/** Ninety days, as TRANSFER_RETENTION_DAYS defaults to. */
const transfers = Transfers.TransferSettings.defaults

const settings: WorkerSettings = {
  publicBaseUrl: "https://ap.example.gov.uk/",
  delivery: Notifications.DeliverOutbox.defaultSettings,
  pollEvery: Duration.seconds(1),
  digest: Notifications.DailyDigest.defaultSettings,
  reminders: Notifications.RegisterReminders.defaultSettings,
  transfers,
  jobPollingSeconds: 0.5
}

/** School A's DSL (a user in the fixtures), who sends to CAP; and a CAP admin, who receives. */
const schoolDsl = Actor.Actor.make({
  userId: Ids.UserId.make("00000000-0000-4000-a000-000000000032"),
  organisationId: ids.schoolA,
  orgKind: "school",
  roles: ["dsl"]
})
const capAdmin = Actor.Actor.make({
  userId: Ids.UserId.make("00000000-0000-4000-a000-000000000099"),
  organisationId: ids.cap,
  orgKind: "cap",
  roles: ["admin"]
})

/** A tiny but real PDF: the upload checks the format by content. */
const pdf = (text: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`
  )

/** The whole send journey for one file: upload, address to CAP, confirm. */
const send = (filename: string) =>
  Effect.gen(function* () {
    const staged = yield* Transfers.storeUpload(schoolDsl, transfers, {
      filename,
      content: Stream.make(pdf(filename))
    })
    const batchId = yield* Transfers.createDraft(schoolDsl, transfers, [
      {
        staged,
        address: { recipientOrganisationId: ids.cap, documentType: "risk_assessment", description: filename }
      }
    ])
    const [file] = yield* Transfers.confirmDraft(schoolDsl, batchId)
    return file!
  })

/** The stored objects on disk, by name: FileStorageFs keeps them under objects/<2 hex>/<key>. */
const objectsOnDisk = (root: string) =>
  Effect.promise(async () => {
    const names: Array<string> = []
    for (const dir of await readdir(join(root, "objects")))
      names.push(...(await readdir(join(root, "objects", dir))))
    return names.sort()
  })

const eventually = <A, E, R>(check: Effect.Effect<A | undefined, E, R>) =>
  Effect.gen(function* () {
    for (let i = 0; i < 150; i++) {
      const found = yield* check
      if (found !== undefined) return found
      yield* Effect.sleep("100 millis")
    }
    throw new Error("nothing happened within 15 seconds")
  })

const expiryEntries = Effect.flatMap(AuditLog.AuditLog, (log) =>
  Effect.map(log.list({ action: "transfer-file.expire" }, { offset: 0, limit: 10 }), (page) => page.items)
)

describe.each(databaseStores)("the transfer retention job on $name", (store) => {
  it.live(
    "at start, deletes a confirmed file past its retention with its key and keeps a newer one; then hourly",
    () =>
      Effect.gen(function* () {
        const root = yield* Effect.acquireRelease(
          Effect.promise(() => mkdtemp(join(tmpdir(), "openap-worker-files-"))),
          (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
        )
        yield* Effect.gen(function* () {
          yield* seed
          const old = yield* at("2025-06-02T09:00:00Z")(send("old-risk-assessment.pdf"))
          const recent = yield* at("2025-08-01T09:00:00Z")(send("recent-risk-assessment.pdf"))
          expect(yield* objectsOnDisk(root)).toEqual([old.storageKey, recent.storageKey].sort())

          // Tuesday 2 September 2025: 92 days after the first file was sent, 32 after the second.
          const now = "2025-09-02T10:00:00Z"
          yield* at(now)(
            Effect.scoped(
              Effect.gen(function* () {
                yield* Worker.run(settings)
                const boss = yield* JobQueue.JobQueue
                // pg-boss's rows carry the time zone, which its types leave out
                const schedules = (yield* Effect.promise(() => boss.getSchedules())) as ReadonlyArray<{
                  readonly name: string
                  readonly cron: string
                  readonly timezone?: string
                }>
                expect(
                  schedules
                    .filter((s) => s.name === Jobs.names.transferExpiry)
                    .map((s) => [s.cron, s.timezone])
                ).toEqual([[Jobs.everyHour, "Europe/London"]])
                // No one sends the job: the worker runs it once as it starts.
                yield* eventually(
                  Effect.map(expiryEntries, (entries) => (entries.length > 0 ? entries : undefined))
                )
              })
            )
          )

          const storage = yield* FileStorage.FileStorage
          expect(yield* storage.exists(FileStorage.StorageKey.make(old.storageKey))).toBe(false)
          expect(yield* storage.exists(FileStorage.StorageKey.make(recent.storageKey))).toBe(true)
          // The file's key lived only in its header: the object gone from the disk is the key gone.
          expect(yield* objectsOnDisk(root)).toEqual([recent.storageKey])

          expect((yield* expiryEntries).map((e) => [e.subject.id, e.actor._tag])).toEqual([
            [old.id, "System"]
          ])
          const inbox = yield* at(now)(Transfers.inbox(capAdmin, transfers))
          expect(inbox.map((e) => e.file.filename)).toEqual(["recent-risk-assessment.pdf"])
          const repository = yield* TransferRepository.TransferRepository
          expect(yield* repository.expired(DateTime.unsafeMake(now))).toEqual([])
          // The newer file goes when its own ninety days are up.
          expect(
            (yield* repository.expired(DateTime.unsafeMake("2025-10-30T09:00:01Z"))).map((f) => f.id)
          ).toEqual([recent.id])
        }).pipe(
          Effect.provide(
            Layer.merge(
              FileStorageFs.layer({ root, masterKey: Redacted.make<Uint8Array>(randomBytes(32)) }),
              FileFormatSniffer.layer
            )
          )
        )
      }).pipe(
        Effect.scoped,
        Effect.provide(
          Layer.mergeAll(
            JobQueue.layer({ pollingIntervalSeconds: 0.5, stopTimeoutMs: 2000 }),
            MemoryMailer.layer,
            EtaRenderer.layer(Links.make(settings.publicBaseUrl))
          ).pipe(Layer.provideMerge(store.layer as never))
        )
      ) as Effect.Effect<void>,
    60_000
  )
})
