import { Accounts } from "@openap/core"
import { Effect, Option } from "effect"
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify"
import type { Web } from "./Journey.js"

/**
 * The `__Host-` prefix makes the browser refuse the cookie unless it is Secure, host-only and for
 * the whole site, so a sibling subdomain cannot plant or read it. Plain HTTP on localhost cannot use it.
 */
export const sessionCookieName = (web: Web) =>
  web.config.secureCookies ? "__Host-openap_session" : "openap_session"

export const sessionPolicy = (web: Web): Accounts.SessionPolicy.SessionPolicy => ({
  idleTimeout: web.config.sessionIdleTimeout,
  absoluteTimeout: Accounts.SessionPolicy.standard.absoluteTimeout
})

/**
 * Resolves the session cookie on every request into `request.signedIn`. The session and the user
 * are read from the database each time, so several web processes can serve one user, and a
 * disabled user's next request finds no session.
 */
export const registerSessions = (app: FastifyInstance, web: Web) => {
  const cookie = sessionCookieName(web)
  app.decorateRequest("signedIn", undefined)
  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.config.sessionless === true) return
    const value = request.cookies[cookie]
    if (value === undefined) return
    const session = await web.run(Accounts.resumeSession(value, sessionPolicy(web)))
    if (Option.isSome(session)) {
      request.signedIn = session.value
      request.log = request.log.child({ userId: session.value.user.id })
    } else {
      clearSessionCookie(web, reply)
    }
  })
}

const cookieOptions = (web: Web) =>
  ({ path: "/", httpOnly: true, sameSite: "lax", secure: web.config.secureCookies }) as const

/** Sign-in always issues a new id, so an id planted before sign-in is worthless after it. */
export const setSessionCookie = (web: Web, reply: FastifyReply, signedIn: Accounts.SignedIn) =>
  reply.setCookie(sessionCookieName(web), signedIn.sessionId, cookieOptions(web))

export const clearSessionCookie = (web: Web, reply: FastifyReply) =>
  reply.clearCookie(sessionCookieName(web), cookieOptions(web))

/** Ends the session the browser arrived with, if any; used before a new one replaces it. */
export const endPreviousSession = (web: Web, request: FastifyRequest) =>
  request.signedIn === undefined
    ? Promise.resolve()
    : web.run(Effect.asVoid(Accounts.signOut(request.signedIn)))
