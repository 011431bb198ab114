import { randomBytes } from "node:crypto"
import { createServer } from "node:net"
import { demoAccounts, demoPassword, FileStorageFs, type SeedResult, Store, seedDemo } from "@openap/adapters"
import { WorkerLayer } from "@openap/worker"
import { Config, type ConfigProvider, Effect, Layer, Option, Redacted } from "effect"
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

const hostInUrl = (host: string) => (host.includes(":") ? `[${host}]` : host)

/** A port nobody is listening on at `host` now, as the system hands out for port 0. */
const freePort = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, host, () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error(`no free port on ${host}`))
      )
    })
  })

/**
 * Starts the service: the store (running its migrations), the demo data into an empty embedded
 * database, the web app and, on the embedded database, the worker in the same process.
 */
export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const withConfig = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    options.configProvider === undefined ? effect : Effect.withConfigProvider(effect, options.configProvider)
  const configured = await Effect.runPromise(
    withConfig(Effect.all([WebConfig.config, demoPassword, Config.option(Config.string("PUBLIC_BASE_URL"))]))
  )
  const [settings, password, publicBaseUrl] = configured

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
    // PORT=0 asks for any free port. Links in emails and on pages need the one it will be, so it is
    // chosen before the app is built.
    const port = settings.port === 0 ? await freePort(settings.host) : settings.port
    const config: WebConfig.WebConfig = {
      ...settings,
      port,
      publicUrl: Option.isSome(publicBaseUrl)
        ? settings.publicUrl
        : `http://${hostInUrl(settings.host)}:${port}`,
      cookieSecret: Option.isSome(settings.cookieSecret)
        ? settings.cookieSecret
        : Option.some(Redacted.make(randomBytes(32).toString("base64url")))
    }

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
    const url = `http://${hostInUrl(config.host)}:${config.port}`

    let workerRunning = false
    if (embedded && options.worker !== false) {
      const worker = await WorkerLayer.startInProcess(runtime, {
        publicBaseUrl: config.publicUrl,
        ...(options.configProvider === undefined ? {} : { configProvider: options.configProvider })
      })
      stops.push(worker.stop)
      workerRunning = true
    }
    return { url, app, seed, demoAccounts, workerRunning, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}
