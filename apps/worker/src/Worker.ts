import { JobQueue } from "@openap/adapters"
import { Notifications } from "@openap/core"
import { Cause, Effect, Runtime, Schedule, type Scope } from "effect"
import * as Jobs from "./Jobs.js"
import type { WorkerSettings } from "./WorkerConfig.js"

type DeliveryServices = Effect.Effect.Context<ReturnType<typeof Notifications.DeliverOutbox.deliverDue>>
type DigestServices = Effect.Effect.Context<ReturnType<typeof Notifications.DailyDigest.sendDailyDigests>>
type ReminderServices = Effect.Effect.Context<
  ReturnType<typeof Notifications.RegisterReminders.sendRegisterReminders>
>

/** Everything the worker's jobs talk to: the store's ports, the mailer, the renderer and the queue. */
export type Services = DeliveryServices | DigestServices | ReminderServices | JobQueue.JobQueue

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
 * Runs the worker in the current scope: registers the scheduled jobs and their handlers with
 * pg-boss and starts the delivery loop. Closing the scope stops it gracefully: the delivery loop
 * finishes the message it is sending and hands back the rest; pg-boss waits for running jobs.
 */
export const run = (settings: WorkerSettings): Effect.Effect<void, never, Services | Scope.Scope> =>
  Effect.gen(function* () {
    const boss = yield* JobQueue.JobQueue
    const runtime = yield* Effect.runtime<Services>()
    const serve = (name: string, job: Effect.Effect<number, unknown, Services>) =>
      Effect.promise(async () => {
        await boss.createQueue(name, { name, policy: "stately", retryLimit: 2, expireInSeconds: 300 })
        await boss.schedule(name, Jobs.everyMinute, {}, { tz: "Europe/London" })
        await boss.work(name, { pollingIntervalSeconds: settings.jobPollingSeconds }, async () => {
          const enqueued = await Runtime.runPromise(runtime)(
            job.pipe(Effect.tapErrorCause((cause) => Effect.logError(`job ${name} failed`, cause)))
          )
          if (enqueued > 0)
            await Runtime.runPromise(runtime)(Effect.logInfo(`job ${name} enqueued ${enqueued}`))
        })
      })
    yield* serve(Jobs.names.dailyDigest, Notifications.DailyDigest.sendDailyDigests(settings.digest))
    yield* serve(
      Jobs.names.registerReminders,
      Notifications.RegisterReminders.sendRegisterReminders(settings.reminders)
    )
    yield* Effect.addFinalizer(() =>
      Effect.promise(async () => {
        await boss.offWork(Jobs.names.dailyDigest)
        await boss.offWork(Jobs.names.registerReminders)
      })
    )
    yield* Effect.forkScoped(deliveryLoop(settings))
  })
