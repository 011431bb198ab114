import fastifyCookie from "@fastify/cookie"
import fastifyCsrf from "@fastify/csrf-protection"
import fastifyHelmet from "@fastify/helmet"
import { Option, Redacted } from "effect"
import type { FastifyInstance } from "fastify"
import type { WebConfig } from "./WebConfig.js"

/**
 * A strict Content Security Policy: scripts and styles only from this site, never inline (GOV.UK's
 * js-enabled snippet is a file for that reason), no frames, forms only back to this site.
 */
const contentSecurityPolicy = (config: WebConfig) => ({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {})
  }
})

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

export const csrfCookieName = (config: WebConfig) =>
  config.secureCookies ? "__Host-openap_csrf" : "openap_csrf"

export const registerSecurity = async (app: FastifyInstance, config: WebConfig) => {
  if (Option.isNone(config.cookieSecret)) throw new Error("COOKIE_SECRET is not set")
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: contentSecurityPolicy(config),
    hsts: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "no-referrer" },
    crossOriginEmbedderPolicy: false
  })
  await app.register(fastifyCookie, { secret: Redacted.value(config.cookieSecret.value) })
  // The CSRF secret lives in a signed cookie, so the sign-in form is protected before any session exists.
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: csrfCookieName(config),
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, signed: true }
  })
}

/** Every state-changing request must carry the form's CSRF token; registered after body parsing. */
export const registerCsrfCheck = (app: FastifyInstance) => {
  app.addHook("preHandler", (request, reply, done) => {
    if (!unsafeMethods.has(request.method)) return done()
    app.csrfProtection(request, reply, done)
  })
}
