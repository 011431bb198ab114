import { JobQueue, LogMailer, SmtpMailer, type Store } from "@openap/adapters"
import type { Mailer, Notifications } from "@openap/core"
import {
  Config,
  type ConfigError,
  type ConfigProvider,
  Effect,
  Exit,
  Layer,
  type ManagedRuntime,
  Option,
  Scope
} from "effect"
import * as EtaRenderer from "./EtaRenderer.js"
import * as Links from "./Links.js"
import * as Worker from "./Worker.js"
import * as WorkerConfig from "./WorkerConfig.js"

/** SMTP when SMTP_HOST is set; otherwise the log mailer (the embedded default: see the Outbox page). */
export const mailer: Layer.Layer<Mailer.Mailer, ConfigError.ConfigError> = Layer.unwrapEffect(
  Effect.map(Config.option(Config.string("SMTP_HOST")), (host) =>
    Option.isSome(host) ? SmtpMailer.layer : LogMailer.layer
  )
)

/**
 * What the worker needs from its host: the store's ports, which database it is (for the queue), and
 * the file storage the retention job deletes from (the web runtime's own when run in process).
 */
export type Requirements = Exclude<
  Worker.Services,
  Mailer.Mailer | Notifications.EmailRenderer | JobQueue.JobQueue
>

export interface InProcessOptions {
  /** The host's configuration, when it was not read from the environment (a test's, say). */
  readonly configProvider?: ConfigProvider.ConfigProvider
  /**
   * Where the web app in this process is reached, as the host worked it out: links in emails start
   * with it. HOST and PORT alone cannot say it when PORT is 0 (any free port).
   */
  readonly publicBaseUrl?: string
}

const make = (publicBaseUrl: string | undefined) =>
  Layer.scopedDiscard(
    Effect.gen(function* () {
      const configured = yield* WorkerConfig.config
      const settings =
        publicBaseUrl === undefined
          ? configured
          : { ...configured, publicBaseUrl: new URL(publicBaseUrl).href }
      yield* Worker.run(settings).pipe(Effect.provide(EtaRenderer.layer(Links.make(settings.publicBaseUrl))))
    })
  ).pipe(Layer.provide(Layer.merge(mailer, JobQueue.layer())))

/**
 * The worker as a layer, with its queue on the store's database, the configured mailer and the
 * email templates. It runs while the layer is alive and stops gracefully when it is released.
 */
export const layer: Layer.Layer<
  never,
  ConfigError.ConfigError | JobQueue.JobQueueError,
  Requirements | Store.Backend
> = make(undefined)

/**
 * Runs the worker inside another process's runtime: the web app in embedded mode, on the same
 * PGlite and its single lock. `stop` finishes the message being sent, waits for running jobs and
 * hands back the rest; call it before the runtime (and its database) is disposed.
 */
export const startInProcess = async <ER>(
  runtime: ManagedRuntime.ManagedRuntime<Requirements | Store.Backend, ER>,
  options: InProcessOptions = {}
): Promise<{ readonly stop: () => Promise<void> }> => {
  const worker =
    options.configProvider === undefined
      ? make(options.publicBaseUrl)
      : make(options.publicBaseUrl).pipe(Layer.provide(Layer.setConfigProvider(options.configProvider)))
  const scope = await runtime.runPromise(Scope.make())
  await runtime.runPromise(Layer.buildWithScope(worker, scope).pipe(Effect.asVoid))
  return { stop: () => runtime.runPromise(Scope.close(scope, Exit.void)) }
}
