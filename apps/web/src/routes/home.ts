import { Access, type DataScope, Registers, Role } from "@openap/core"
import * as Guards from "../Guards.js"
import type { Journey } from "../Journey.js"
import { navigationFor } from "../Navigation.js"
import { paths } from "../paths.js"

/** What each kind of organisation sees of the council's data: the home page says it plainly. */
const scopeText: Readonly<Record<DataScope.DataScope["_tag"], string>> = {
  All: "As council staff you can see every learner the Alternative Provision service works with.",
  School: "You can see the learners on your school's roll who attend Alternative Provision.",
  Provider: "You can see the learners enrolled on your organisation's courses, while they are enrolled."
}

/** The signed-in home page: who you are here, what you can see, and the parts of the service you can use. */
export const home: Journey = {
  name: "home",
  routes: (app, web) => {
    app.get(paths.home, async (request, reply) => {
      const { actor, user, organisation } = Guards.signedIn(request)
      const absences = await web.run(Registers.unprocessedAbsenceCount(actor))
      return reply.page("home/home", {
        title: "Home",
        organisationName: organisation.name,
        displayName: user.displayName,
        roles: user.roles.map((role) => Role.label[role]),
        scope: scopeText[Access.scopeOf(actor)._tag],
        services: navigationFor(actor, web.navigation, paths.home),
        // Schools and CAP see how many unexplained absences wait for a decision: each is a child
        // whose whereabouts nobody has confirmed yet.
        absences: Access.navigationFor(actor).includes("unprocessed-absences")
          ? { count: absences.count, more: absences.more, href: paths.unprocessedAbsences }
          : undefined
      })
    })
  }
}
