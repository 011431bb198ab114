import { randomBytes } from "node:crypto"
import { demoAccounts, demoPassword, FileStorageFs, type SeedResult, Store, seedDemo } from "@openap/adapters"
import { WorkerLayer } from "@openap/worker"
import { type ConfigProvider, Effect, Layer, Option, Redacted } from "effect"
import type { FastifyInstance } from "fastify"
import { buildApp } from "./App.js"
import { makeRuntime } from "./AppRuntime.js"
import * as WebConfig from "./WebConfig.js"

export interface ServerOptions {
  /** Where configuration comes from; the environment unless a test hands in its own. */
  readonly configProvider?: ConfigProvider.ConfigProvider
  /** Run the worker in this process when the database is embedded (the default for `pnpm start`). */
  readonly worker?: boolean
  readonly log?: { readonly level: string; readonly stream?: { write(line: string): void } }
}

export interface RunningServer {
  readonly url: string
  readonly app: FastifyInstance
  /** What happened to the demo data: seeded into an empty embedded database, or not. */
  readonly seed: SeedResult | { readonly _tag: "Skipped"; readonly reason: "not-embedded" }
  readonly demoAccounts: typeof demoAccounts
  readonly workerRunning: boolean
  readonly stop: () => Promise<void>
}

/**
 * Starts the service: the store (running its migrations), the demo data into an empty embedded
 * database, the web app and, on the embedded database, the worker in the same process.
 */
export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const withConfig = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    options.configProvider === undefined ? effect : Effect.withConfigProvider(effect, options.configProvider)
  const configured = await Effect.runPromise(withConfig(Effect.all([WebConfig.config, demoPassword])))
  const [settings, password] = configured

  const store =
    options.configProvider === undefined
      ? Store.layer
      : Store.layer.pipe(Layer.provide(Layer.setConfigProvider(options.configProvider)))
  const storage =
    options.configProvider === undefined
      ? FileStorageFs.layerConfig
      : FileStorageFs.layerConfig.pipe(Layer.provide(Layer.setConfigProvider(options.configProvider)))
  const runtime = makeRuntime(store, storage)
  const stops: Array<() => Promise<void>> = [() => runtime.dispose()]
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  }
  try {
    const backend = await runtime.runPromise(Store.Backend)
    const embedded = backend._tag === "Embedded"
    if (Option.isNone(settings.cookieSecret) && !embedded) {
      throw new Error(
        "COOKIE_SECRET must be set (32 characters or more) when DATABASE_URL is: every web process must share it."
      )
    }
    const config: WebConfig.WebConfig = Option.isSome(settings.cookieSecret)
      ? settings
      : { ...settings, cookieSecret: Option.some(Redacted.make(randomBytes(32).toString("base64url"))) }

    const seed = embedded
      ? await runtime.runPromise(withConfig(seedDemo(password)))
      : ({ _tag: "Skipped", reason: "not-embedded" } as const)

    const app = await buildApp({
      config,
      runtime,
      ...(options.log === undefined ? {} : { log: options.log })
    })
    stops.push(() => app.close())
    await app.listen({ port: config.port, host: config.host })
    const address = app.server.address()
    const port = typeof address === "object" && address !== null ? address.port : config.port
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`

    let workerRunning = false
    if (embedded && options.worker !== false) {
      const worker = await WorkerLayer.startInProcess(runtime)
      stops.push(worker.stop)
      workerRunning = true
    }
    return { url, app, seed, demoAccounts, workerRunning, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}
