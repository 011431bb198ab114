import { type OrgKind, Role } from "@openap/core"
import { Duration } from "effect"
import * as Guards from "../Guards.js"
import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"

export const kindLabel: Readonly<Record<OrgKind.OrgKind, string>> = {
  cap: "Council Alternative Provision team",
  school: "School or academy",
  provider: "Alternative Provision provider"
}

/** Each person's own page: their organisation and the roles the council gave them. */
export const account: Journey = {
  name: "account",
  routes: (app, web) => {
    app.get(paths.account, async (request, reply) => {
      const { user, organisation } = Guards.signedIn(request)
      return reply.page("account/account", {
        title: "Your account",
        rows: [
          { key: "Name", value: user.displayName },
          { key: "Email address", value: user.email },
          { key: "Organisation", value: organisation.name },
          { key: "Type of organisation", value: kindLabel[organisation.kind] },
          {
            key: user.roles.length === 1 ? "Role" : "Roles",
            value: user.roles.map((r) => Role.label[r]).join(", ")
          }
        ],
        idleMinutes: Duration.toMinutes(web.config.sessionIdleTimeout)
      })
    })
  }
}
