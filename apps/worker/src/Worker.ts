import { JobQueue } from "@openap/adapters"
import { Notifications, Transfers } from "@openap/core"
import { Cause, Effect, Runtime, Schedule, type Scope } from "effect"
import * as Jobs from "./Jobs.js"
import type { WorkerSettings } from "./WorkerConfig.js"

type DeliveryServices = Effect.Effect.Context<ReturnType<typeof Notifications.DeliverOutbox.deliverDue>>
type DigestServices = Effect.Effect.Context<ReturnType<typeof Notifications.DailyDigest.sendDailyDigests>>
type ReminderServices = Effect.Effect.Context<
  ReturnType<typeof Notifications.RegisterReminders.sendRegisterReminders>
>
type ExpiryServices = Effect.Effect.Context<ReturnType<typeof Transfers.expireFiles>>

/**
 * Everything the worker's jobs talk to: the store's ports, the mailer, the renderer, the file
 * storage (for the retention job) and the queue.
 */
export type Services =
  | DeliveryServices
  | DigestServices
  | ReminderServices
  | ExpiryServices
  | JobQueue.JobQueue

/** Delivers the outbox until interrupted. A failed round is logged and the next one runs anyway. */
export const deliveryLoop = (settings: WorkerSettings): Effect.Effect<never, never, DeliveryServices> =>
  Notifications.DeliverOutbox.deliverDue(settings.delivery).pipe(
    Effect.tap((report) =>
      report.sent + report.retrying + report.dead + report.unconfirmed > 0
        ? Effect.logInfo("outbox delivered").pipe(Effect.annotateLogs({ ...report }))
        : Effect.void
    ),
    Effect.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.failCause(cause)
        : Effect.logError("outbox delivery failed", cause)
    ),
    Effect.repeat(Schedule.spaced(settings.pollEvery)),
    Effect.zipRight(Effect.never)
  )

/**
 * The retention job: deletes the transferred files whose time is up, with their keys, and the
 * partial uploads a crash left behind. Logs what it removed, for the operator.
 */
export const expireTransfers = (settings: WorkerSettings): Effect.Effect<void, unknown, ExpiryServices> =>
  Transfers.expireFiles(settings.transfers).pipe(
    Effect.tap((report) =>
      report.filesDeleted + report.partialUploadsRemoved > 0
        ? Effect.logInfo("expired transferred files removed").pipe(Effect.annotateLogs({ ...report }))
        : Effect.void
    ),
    Effect.asVoid
  )

/**
 * Runs the worker in the current scope: registers the scheduled jobs and their handlers with
 * pg-boss and starts the delivery loop. Closing the scope stops it gracefully: the delivery loop
 * finishes the message it is sending and hands back the rest; pg-boss waits for running jobs.
 */
export const run = (settings: WorkerSettings): Effect.Effect<void, never, Services | Scope.Scope> =>
  Effect.gen(function* () {
    const boss = yield* JobQueue.JobQueue
    const runtime = yield* Effect.runtime<Services>()
    const serve = (
      name: string,
      cron: string,
      job: Effect.Effect<void, unknown, Services>,
      expireInSeconds = 300
    ) =>
      Effect.promise(async () => {
        await boss.createQueue(name, { name, policy: "stately", retryLimit: 2, expireInSeconds })
        await boss.schedule(name, cron, {}, { tz: "Europe/London" })
        await boss.work(name, { pollingIntervalSeconds: settings.jobPollingSeconds }, () =>
          Runtime.runPromise(runtime)(
            job.pipe(Effect.tapErrorCause((cause) => Effect.logError(`job ${name} failed`, cause)))
          )
        )
      })
    const enqueued = (name: string) => (count: number) =>
      count > 0 ? Effect.logInfo(`job ${name} enqueued ${count}`) : Effect.void
    yield* serve(
      Jobs.names.dailyDigest,
      Jobs.everyMinute,
      Notifications.DailyDigest.sendDailyDigests(settings.digest).pipe(
        Effect.flatMap(enqueued(Jobs.names.dailyDigest))
      )
    )
    yield* serve(
      Jobs.names.registerReminders,
      Jobs.everyMinute,
      Notifications.RegisterReminders.sendRegisterReminders(settings.reminders).pipe(
        Effect.flatMap(enqueued(Jobs.names.registerReminders))
      )
    )
    // A council's backlog after an outage can take a while to remove: an hour before pg-boss gives up.
    yield* serve(Jobs.names.transferExpiry, Jobs.everyHour, expireTransfers(settings), 3600)
    // Once at start as well as on the hour. The queue is stately: several workers starting at once
    // leave one job queued, not one each.
    yield* Effect.promise(() => boss.send(Jobs.names.transferExpiry, {}))
    yield* Effect.addFinalizer(() =>
      Effect.promise(async () => {
        await boss.offWork(Jobs.names.dailyDigest)
        await boss.offWork(Jobs.names.registerReminders)
        await boss.offWork(Jobs.names.transferExpiry)
      })
    )
    yield* Effect.forkScoped(deliveryLoop(settings))
  })
