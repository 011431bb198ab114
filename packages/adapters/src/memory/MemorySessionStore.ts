import { SessionStore } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Option, Ref } from "effect"
import { sha256 } from "../Hash.js"
import { get, MemoryState } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  SessionStore.SessionStore.of({
    create: (session) =>
      Ref.update(state, (s) => ({ ...s, sessions: HashMap.set(s.sessions, sha256(session.id), session) })),
    find: (id, now) =>
      Effect.map(Ref.get(state), (s) =>
        Option.filter(
          HashMap.get(s.sessions, sha256(id)),
          (session) =>
            DateTime.greaterThan(session.expiresAt, now) &&
            DateTime.greaterThan(session.absoluteExpiresAt, now)
        )
      ),
    touch: (id, now, expiresAt) =>
      Ref.update(state, (s) => {
        const key = sha256(id)
        const session = get(s.sessions, key)
        if (session === undefined) return s
        return {
          ...s,
          sessions: HashMap.set(s.sessions, key, {
            ...session,
            lastSeenAt: now,
            expiresAt: DateTime.min(expiresAt, session.absoluteExpiresAt)
          })
        }
      }),
    delete: (id) => Ref.update(state, (s) => ({ ...s, sessions: HashMap.remove(s.sessions, sha256(id)) })),
    deleteAllForUser: (userId) =>
      Ref.update(state, (s) => ({
        ...s,
        sessions: HashMap.filter(s.sessions, (session) => session.userId !== userId)
      })),
    deleteExpired: (now) =>
      Ref.modify(state, (s) => {
        const kept = HashMap.filter(
          s.sessions,
          (session) =>
            DateTime.greaterThan(session.expiresAt, now) &&
            DateTime.greaterThan(session.absoluteExpiresAt, now)
        )
        return [HashMap.size(s.sessions) - HashMap.size(kept), { ...s, sessions: kept }] as const
      })
  })
)

export const layer = Layer.effect(SessionStore.SessionStore, make)
