import fastifyFormbody from "@fastify/formbody"
import { Cause, type Effect, Exit, type ManagedRuntime } from "effect"
import Fastify, { type FastifyInstance, LogController } from "fastify"
import type { AppServices } from "./AppRuntime.js"
import { registerAssets } from "./Assets.js"
import { registerErrorPages } from "./ErrorPages.js"
import "./FastifyTypes.js"
import { NotSignedIn } from "./HttpErrors.js"
import type { Journey, Web } from "./Journey.js"
import { paths } from "./paths.js"
import { loggerOptions, registerRequestLog } from "./RequestLog.js"
import { journeys as allJourneys } from "./routes/index.js"
import { registerCsrfCheck, registerSecurity } from "./Security.js"
import { registerSessions } from "./Session.js"
import { registerViews } from "./Views.js"
import type { WebConfig } from "./WebConfig.js"

/** A route the app serves (static files aside): the tests walk this list, so no route escapes them. */
export interface ServedRoute {
  readonly method: string
  readonly url: string
  readonly public: boolean
}

export interface AppOptions {
  readonly config: WebConfig
  /** The app's one runtime: every handler runs its use cases here. */
  readonly runtime: ManagedRuntime.ManagedRuntime<AppServices, unknown>
  /** Request and error logs: JSON lines at `level`, to `stream` (standard output by default). */
  readonly log?: { readonly level: string; readonly stream?: { write(line: string): void } }
  /** The journeys to serve; all of them unless a test narrows it. */
  readonly journeys?: ReadonlyArray<Journey>
}

/**
 * Runs an effect and rethrows its failure as the error itself (not wrapped in a FiberFailure), so
 * the error handler can map it by tag. Defects and interruptions become plain errors (500).
 */
const runWith =
  (runtime: AppOptions["runtime"]) =>
  async <A, E>(effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "Some") throw failure.value
    throw Cause.squash(exit.cause)
  }

export const buildApp = async (options: AppOptions): Promise<FastifyInstance> => {
  const { config } = options
  const journeys = options.journeys ?? allJourneys
  const app = Fastify({
    logger: options.log === undefined ? false : loggerOptions(options.log.level, options.log.stream),
    // Fastify's own two lines per request are replaced by one from RequestLog.ts.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true }
  })
  const navigation = journeys.flatMap((journey) => journey.navigation ?? [])
  const web: Web = { config, navigation, run: runWith(options.runtime) }

  const served: Array<ServedRoute> = []
  app.decorate("served", served)
  app.addHook("onRoute", (route) => {
    // Static files are public and need no session; marked here, as @fastify/static takes no route config.
    if (route.url.startsWith(paths.static) || route.url.startsWith(paths.govukAssets)) {
      route.config = { ...route.config, public: true, sessionless: true }
      return
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") served.push({ method, url: route.url, public: route.config?.public === true })
    }
  })
  await registerSecurity(app, config)
  await app.register(fastifyFormbody)
  await registerAssets(app)
  registerViews(app, config, navigation)
  registerSessions(app, web)
  registerErrorPages(app)
  registerRequestLog(app)

  // Signed in unless the route says otherwise: a new route is private by default.
  app.addHook("preHandler", async (request) => {
    if (request.is404 || request.routeOptions.config.public === true) return
    if (request.signedIn === undefined) throw new NotSignedIn()
  })
  registerCsrfCheck(app)

  for (const journey of journeys) journey.routes(app, web)
  return app
}
