import type { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import type { AppServices } from "./AppRuntime.js"
import type { NavEntry } from "./Navigation.js"
import type { WebConfig } from "./WebConfig.js"

/** What a route file is given: the configuration, and the one way to run a core use case. */
export interface Web {
  readonly config: WebConfig
  /** Every journey's navigation entries, for pages that list what a person can use. */
  readonly navigation: ReadonlyArray<NavEntry>
  /**
   * Runs an effect on the app's runtime. A failure is thrown as the tagged error itself, and the
   * error handler (ErrorPages.ts) turns it into a page; a route catches only the errors it shows
   * on its own page (a form's validation, say) before calling this.
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>
}

/**
 * One user journey: a route file. Add a journey by writing `routes/<journey>.ts` and listing it in
 * `routes/index.ts`; its navigation entry appears for exactly the people the access policy lists.
 */
export interface Journey {
  readonly name: string
  readonly navigation?: ReadonlyArray<NavEntry>
  readonly routes: (app: FastifyInstance, web: Web) => void
}
