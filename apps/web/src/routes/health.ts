import { OrganisationRepository } from "@openap/core"
import { Effect } from "effect"
import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"

/** Any query will do; this one is cheap and touches a real table. */
const databaseReachable = Effect.flatMap(
  OrganisationRepository.OrganisationRepository,
  (repo) => repo.isEmpty
).pipe(
  Effect.as(true),
  Effect.timeout("3 seconds"),
  Effect.catchAllCause(() => Effect.succeed(false))
)

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export const health: Journey = {
  name: "health",
  routes: (app, web) => {
    app.get(paths.healthz, { config: { public: true, sessionless: true } }, async (_request, reply) => {
      const healthy = await web.run(databaseReachable).catch(() => false)
      return reply
        .code(healthy ? 200 : 503)
        .header("cache-control", "no-store")
        .send({ status: healthy ? "ok" : "unavailable", database: healthy ? "reachable" : "unreachable" })
    })
  }
}
