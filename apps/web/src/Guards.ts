import type { Accounts, Actor } from "@openap/core"
import type { FastifyRequest, preHandlerAsyncHookHandler } from "fastify"
import { Forbidden, NotSignedIn } from "./HttpErrors.js"

/**
 * Route guards: the only place routes ask "who is this, and may they?". Every check is a predicate
 * from the core's access policy (`Access.canAdministerUsers`, ...), so the server enforces exactly
 * the rules the navigation is drawn from; the use case checks again before it reads or writes.
 */
export const signedIn = (request: FastifyRequest): Accounts.SignedIn => {
  if (request.signedIn === undefined) throw new NotSignedIn()
  return request.signedIn
}

export const actor = (request: FastifyRequest): Actor.Actor => signedIn(request).actor

/** A preHandler that refuses (403) anyone the policy does not allow. */
export const allow =
  (policy: (actor: Actor.Actor) => boolean): preHandlerAsyncHookHandler =>
  async (request) => {
    if (!policy(actor(request))) throw new Forbidden()
  }
