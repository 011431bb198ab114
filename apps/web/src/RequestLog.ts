import type { FastifyInstance, FastifyServerOptions } from "fastify"

/**
 * Structured request logs: one line per request with the route's pattern (never the raw URL, which
 * can hold a set-up token), the status, the time taken and the user. Bodies, cookies and headers
 * are never logged, so passwords, tokens and document contents cannot reach the log.
 */
export const loggerOptions = (
  level: string,
  stream?: { write(line: string): void }
): Exclude<FastifyServerOptions["logger"], undefined> => ({
  level,
  ...(stream === undefined ? {} : { stream }),
  redact: {
    paths: [
      "req.headers.cookie",
      "req.headers.authorization",
      "res.headers['set-cookie']",
      "*.password",
      "*.token"
    ],
    censor: "[redacted]"
  }
})

export const registerRequestLog = (app: FastifyInstance) => {
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url
    request.log.info(
      {
        method: request.method,
        route: route ?? "(no route)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        htmx: request.headers["hx-request"] === "true" || undefined
      },
      "request"
    )
    done()
  })
}
