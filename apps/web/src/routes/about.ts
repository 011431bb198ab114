import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"

/** Pages anyone can read without signing in. */
export const about: Journey = {
  name: "about",
  routes: (app) => {
    app.get(paths.accessibility, { config: { public: true } }, async (_request, reply) =>
      reply.page("about/accessibility", { title: "Accessibility statement" })
    )
  }
}
