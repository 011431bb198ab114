import { TransferConfig } from "@openap/adapters"
import { Notifications, type Transfers } from "@openap/core"
import { Config, Duration } from "effect"
import { Temporal } from "temporal-polyfill"

export interface WorkerSettings {
  /** Where the web app is, as people reach it: every link in an email starts with it. */
  readonly publicBaseUrl: string
  readonly delivery: Notifications.DeliverOutbox.DeliverySettings
  /** How often each worker looks for messages to deliver. */
  readonly pollEvery: Duration.Duration
  readonly digest: Notifications.DailyDigest.DigestSettings
  readonly reminders: Notifications.RegisterReminders.ReminderSettings
  /** Secure file transfer's settings, as the web app reads them: the retention job sweeps by them. */
  readonly transfers: Transfers.TransferSettings.TransferSettings
  /** How often an idle worker asks pg-boss for a job. */
  readonly jobPollingSeconds: number
}

const positive = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.withDefault(fallback),
    Config.validate({ message: `${name} must be a whole number above 0`, validation: (n) => n > 0 })
  )

/**
 * PUBLIC_BASE_URL (default http://HOST:PORT, as the web app's, so `PORT=3998 pnpm start` links to
 * port 3998), DIGEST_TIME (16:00, Europe/London),
 * DIGEST_CATCH_UP_MINUTES (60), REMINDER_AFTER_MINUTES (30), OUTBOX_POLL_SECONDS (5),
 * OUTBOX_MAX_ATTEMPTS (8), and the TRANSFER_* settings the web app reads (see TransferConfig).
 */
export const config: Config.Config<WorkerSettings> = Config.all({
  publicBaseUrl: Config.string("PUBLIC_BASE_URL").pipe(
    Config.orElse(() =>
      Config.map(
        Config.all([
          Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
          Config.integer("PORT").pipe(Config.withDefault(3000))
        ]),
        ([host, port]) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`
      )
    ),
    Config.mapAttempt((s) => new URL(s).href)
  ),
  digestAt: Config.string("DIGEST_TIME").pipe(
    Config.withDefault("16:00"),
    Config.mapAttempt((s) => Temporal.PlainTime.from(s, { overflow: "reject" }))
  ),
  digestCatchUp: positive("DIGEST_CATCH_UP_MINUTES", 60),
  reminderAfter: positive("REMINDER_AFTER_MINUTES", 30),
  pollSeconds: positive("OUTBOX_POLL_SECONDS", 5),
  maxAttempts: positive("OUTBOX_MAX_ATTEMPTS", 8),
  transfers: TransferConfig.config
}).pipe(
  Config.map((c) => ({
    publicBaseUrl: c.publicBaseUrl,
    delivery: { ...Notifications.DeliverOutbox.defaultSettings, maxAttempts: c.maxAttempts },
    pollEvery: Duration.seconds(c.pollSeconds),
    digest: { ...Notifications.DailyDigest.defaultSettings, at: c.digestAt, catchUpMinutes: c.digestCatchUp },
    reminders: { ...Notifications.RegisterReminders.defaultSettings, afterMinutes: c.reminderAfter },
    transfers: c.transfers,
    jobPollingSeconds: 2
  }))
)
