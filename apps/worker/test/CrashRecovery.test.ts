import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { SmtpMailer, Store } from "@openap/adapters"
import { Mailer, Notifications, Outbox } from "@openap/core"
import { Effect, type Layer, Option, Redacted } from "effect"
import * as EtaRenderer from "../src/EtaRenderer.js"
import * as Links from "../src/Links.js"
import { smtpOptions, startSmtpServer } from "./SmtpServer.js"
import { at } from "./Stores.js"

const repoRoot = resolve(import.meta.dirname, "../../..")
const child = resolve(import.meta.dirname, "crash/DeliverOnce.ts")
const renderer = EtaRenderer.layer(Links.make("https://ap.example"))
const databaseUrl = process.env.DATABASE_URL

interface Target {
  readonly name: string
  /** Opens the store; for the embedded one, the worker process must be gone first. */
  readonly open: Layer.Layer<Store.Repositories, unknown>
  readonly env: Record<string, string>
  readonly cleanUp: () => void
}

const embedded = (): Target => {
  const dir = mkdtempSync(join(tmpdir(), "openap-crash-"))
  return {
    name: "embedded PGlite",
    // The killed worker's lock names a dead process, so the restart takes the directory at once.
    open: Store.layerEmbedded(dir),
    env: { CRASH_STORE_DIR: dir },
    cleanUp: () => rmSync(dir, { recursive: true, force: true })
  }
}

const postgres = (url: Redacted.Redacted<string>): Target => ({
  name: "PostgreSQL",
  open: Store.layerPostgres(url, 2),
  env: { CRASH_DATABASE_URL: Redacted.value(url) },
  cleanUp: () => undefined
})

const scenario = (makeTarget: Effect.Effect<Target, unknown, import("effect").Scope.Scope>) =>
  Effect.gen(function* () {
    const target = yield* makeTarget
    yield* Effect.addFinalizer(() => Effect.sync(target.cleanUp))
    let worker: ChildProcess | undefined
    const server = yield* Effect.acquireRelease(
      // The worker dies after the server has the whole message, before the server says "250 OK".
      Effect.promise(() =>
        startSmtpServer(async () => {
          worker?.kill("SIGKILL")
          await new Promise((r) => setTimeout(r, 200))
        })
      ),
      (s) => Effect.promise(() => s.close())
    )

    // 1. The change and its message are committed; the worker process is not running yet.
    yield* Notifications.NewNotification.enqueue({
      key: "crash-1",
      kind: Notifications.RegisterReminders.kind,
      recipients: ["coordinator@provider.example"],
      subject: "Register not complete",
      data: {
        providerName: "Ride High",
        courseTitle: "Motor vehicle skills",
        lessonId: "00000000-0000-4000-a000-000000000077",
        date: "2025-10-06",
        startTime: "09:30",
        endTime: "12:00",
        unmarked: 2
      }
    }).pipe(Effect.provide(target.open), Effect.scoped)

    // 2. A worker process claims it, hands it to the mail server and is killed before the answer.
    const exit = yield* Effect.async<{ code: number | null; signal: string | null; output: string }>(
      (resume) => {
        let output = ""
        // node itself, not the tsx launcher: SIGKILL must hit the process that is sending
        worker = spawn(process.execPath, ["--import", "tsx", child], {
          cwd: repoRoot,
          env: { ...process.env, ...target.env, CRASH_SMTP_PORT: String(server.port) },
          stdio: ["ignore", "pipe", "pipe"]
        })
        worker.stdout?.on("data", (d) => (output += d))
        worker.stderr?.on("data", (d) => (output += d))
        worker.on("exit", (code, signal) => resume(Effect.succeed({ code, signal, output })))
      }
    )
    expect(exit.signal, exit.output).toBe("SIGKILL")
    expect(server.received).toHaveLength(1)

    // 3. A restarted worker, once the dead worker's claim has run out, finds the message half-done.
    const report = yield* Effect.gen(function* () {
      const mailer = yield* SmtpMailer.make(smtpOptions(server.port))
      const later = new Date(Date.now() + 3 * 60_000).toISOString()
      const first = yield* at(later)(Notifications.DeliverOutbox.deliverDue()).pipe(
        Effect.provideService(Mailer.Mailer, mailer)
      )
      const again = yield* at(later)(Notifications.DeliverOutbox.deliverDue()).pipe(
        Effect.provideService(Mailer.Mailer, mailer)
      )
      const stored = yield* Effect.flatMap(Outbox.Outbox, (o) => o.findByKey("crash-1"))
      return { first, again, stored: Option.getOrThrow(stored) }
    }).pipe(Effect.provide(renderer), Effect.provide(target.open), Effect.scoped)

    expect(report.first).toEqual({ sent: 0, retrying: 0, dead: 0, unconfirmed: 1 })
    expect(report.again).toEqual({ sent: 0, retrying: 0, dead: 0, unconfirmed: 0 })
    expect(report.stored.status).toBe("dead")
    expect(report.stored.lastError).toBe(Notifications.DeliverOutbox.unconfirmedReason)
    // 4. The recipient has exactly one copy.
    expect(server.received).toHaveLength(1)
    expect(server.received[0]?.messageId).toBe(SmtpMailer.messageIdFor("crash-1", "ap.example"))
  }).pipe(Effect.scoped)

describe("a worker killed between sending and recording it", () => {
  it.live(
    "does not send a second copy after a restart: embedded PGlite",
    () => scenario(Effect.sync(embedded)),
    90_000
  )

  if (databaseUrl !== undefined) {
    it.live(
      "does not send a second copy after a restart: PostgreSQL",
      () => scenario(Effect.map(Store.freshDatabase(Redacted.make(databaseUrl)), postgres)),
      60_000
    )
  }
})
