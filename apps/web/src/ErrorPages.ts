import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify"
import { paths } from "./paths.js"

type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 500 | 503

/**
 * The one place that maps a failure to a page and a status. A tagged error from core picks its
 * status by name: `...NotPermitted` is 403 and `...NotFound` 404, so a feature's new errors need no
 * entry here; a route catches the errors it shows on its own form before they reach this.
 */
const byTag: Readonly<Record<string, ErrorStatus>> = {
  Forbidden: 403,
  NotFound: 404
}

export const statusOf = (error: unknown): ErrorStatus => {
  const tag = typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : undefined
  if (tag !== undefined) {
    const known = byTag[tag]
    if (known !== undefined) return known
    if (tag.endsWith("NotPermitted")) return 403
    if (tag.endsWith("NotFound")) return 404
    return 500
  }
  const statusCode = (error as FastifyError | undefined)?.statusCode
  if (statusCode === 403 || statusCode === 404 || statusCode === 413) return statusCode
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return 400
  return statusCode === 503 ? 503 : 500
}

const titles: Readonly<Record<ErrorStatus, string>> = {
  400: "Sorry, there is a problem with your request",
  403: "You do not have permission to see this page",
  404: "Page not found",
  409: "Someone else changed this",
  413: "The upload is too large",
  500: "Sorry, there is a problem with the service",
  503: "Sorry, the service is unavailable"
}

const isCsrfFailure = (error: unknown) => {
  const code = (error as FastifyError | undefined)?.code
  return code === "FST_CSRF_MISSING_SECRET" || code === "FST_CSRF_INVALID_TOKEN"
}

export const errorPage = (
  reply: FastifyReply,
  status: ErrorStatus,
  options: { readonly csrf?: boolean } = {}
) =>
  reply.page(
    `errors/${status === 413 || status === 409 || status === 503 ? 400 : status}`,
    {
      title: options.csrf ? "Your form has expired" : titles[status],
      heading: options.csrf ? "Your form has expired" : titles[status],
      status,
      csrf: options.csrf === true
    },
    status
  )

const redirectToSignIn = (request: FastifyRequest, reply: FastifyReply) => {
  if (request.headers["hx-request"] === "true") {
    return reply.code(204).header("hx-redirect", paths.signIn).send()
  }
  return reply.redirect(paths.signIn, 303)
}

export const registerErrorPages = (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    if (typeof error === "object" && error !== null && "_tag" in error && error._tag === "NotSignedIn") {
      return redirectToSignIn(request, reply)
    }
    const status = statusOf(error)
    if (status >= 500) {
      // The message and stack only: an error's other fields may hold what a user typed.
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error))
      request.log.error({ err: { type: name, message, stack } }, "request failed")
    } else {
      request.log.info(
        { status, reason: (error as { _tag?: string; code?: string })._tag ?? (error as FastifyError).code },
        "request refused"
      )
    }
    return errorPage(reply, status, { csrf: isCsrfFailure(error) })
  })
  app.setNotFoundHandler((_request, reply) => errorPage(reply, 404))
}
