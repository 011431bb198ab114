import { fileURLToPath } from "node:url"
import { Eta } from "eta"
import type { FastifyInstance, FastifyReply } from "fastify"
import { type NavEntry, navigationFor } from "./Navigation.js"
import { paths } from "./paths.js"
import type { WebConfig } from "./WebConfig.js"

export const viewsDir = fileURLToPath(new URL("../views", import.meta.url))

/** One entry of the GOV.UK error summary, pointing at the field it is about. */
export interface FieldError {
  readonly field: string
  readonly text: string
}

/** What a page hands its template; the layout's own fields are added by `page`. */
export interface PageData {
  readonly title: string
  readonly errors?: ReadonlyArray<FieldError>
  readonly backLink?: { readonly href: string; readonly text?: string }
  readonly [key: string]: unknown
}

/**
 * Eta used directly rather than through @fastify/view: the layout's data (who is signed in, the
 * navigation, the CSRF token) is assembled here, once, for every page and every error page.
 */
export const registerViews = (
  app: FastifyInstance,
  config: WebConfig,
  navigation: ReadonlyArray<NavEntry>
) => {
  const eta = new Eta({ views: viewsDir, cache: true, autoEscape: true, autoTrim: [false, "nl"] })

  app.decorateReply("page", function (this: FastifyReply, template: string, data: PageData, status = 200) {
    const request = this.request
    const signedIn = request.signedIn
    // htmx asks for the page's content only; a history restore needs the whole page.
    const fragment =
      request.headers["hx-request"] === "true" && request.headers["hx-history-restore-request"] !== "true"
    const path = request.url.split("?")[0] ?? "/"
    const html = eta.render(`/pages/${template}`, {
      ...data,
      serviceName: config.serviceName,
      councilName: config.councilName,
      paths,
      navigation: navigationFor(signedIn?.actor, navigation, path),
      signedIn:
        signedIn === undefined
          ? undefined
          : { name: signedIn.user.displayName, organisationName: signedIn.organisation.name },
      csrfToken: this.generateCsrf(),
      fragment,
      errorFor: (field: string) => data.errors?.find((e) => e.field === field)?.text
    })
    return this.code(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("vary", "HX-Request")
      .send(html)
  })
}
