import type { Accounts } from "@openap/core"
import type { PageData } from "./Views.js"

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, with whether it is public (see App.ts). */
    served: ReadonlyArray<import("./App.js").ServedRoute>
  }
  interface FastifyRequest {
    /** The live session behind this request, if any (see Session.ts). */
    signedIn: Accounts.SignedIn | undefined
  }
  interface FastifyReply {
    /** Renders `views/<template>.eta` in the GOV.UK layout (or alone, for htmx). */
    page(template: string, data: PageData, status?: number): FastifyReply
  }
  interface FastifyContextConfig {
    /** Served without signing in (sign-in, accessibility statement, health). */
    public?: boolean
    /** Needs no session at all (static files, health): the cookie is not even looked up. */
    sessionless?: boolean
  }
}
