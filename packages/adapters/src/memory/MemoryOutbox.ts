import { type Notification, Outbox } from "@openap/core"
import { DateTime, Effect, HashMap, Layer, Option, Ref } from "effect"
import { cmp, get, MemoryState, type State, values } from "./MemoryState.js"

const update = (
  s: State,
  id: string,
  f: (n: Notification.Notification) => Notification.Notification
): State => {
  const n = get(s.notifications, id)
  return n === undefined ? s : { ...s, notifications: HashMap.set(s.notifications, id, f(n)) }
}

const without = <K extends keyof Notification.Notification>(
  n: Notification.Notification,
  ...keys: ReadonlyArray<K>
): Notification.Notification => {
  const copy: Record<string, unknown> = { ...n }
  for (const key of keys) delete copy[key]
  return copy as Notification.Notification
}

export const make = Effect.map(MemoryState, (state) =>
  Outbox.Outbox.of({
    enqueue: (n) =>
      Ref.modify(state, (s) =>
        values(s.notifications).some((x) => x.key === n.key)
          ? ([false, s] as const)
          : ([true, { ...s, notifications: HashMap.set(s.notifications, n.id, n) }] as const)
      ),
    claimDue: (now, limit, claimedUntil) =>
      Ref.modify(state, (s) => {
        const due = values(s.notifications)
          .filter(
            (n) =>
              (n.status === "pending" && !DateTime.greaterThan(n.nextAttemptAt, now)) ||
              (n.status === "sending" &&
                n.claimedUntil !== undefined &&
                !DateTime.greaterThan(n.claimedUntil, now))
          )
          .sort(
            (a, b) =>
              a.nextAttemptAt.epochMillis - b.nextAttemptAt.epochMillis ||
              a.createdAt.epochMillis - b.createdAt.epochMillis ||
              cmp(a.id, b.id)
          )
          .slice(0, limit)
          .map(
            (n): Notification.Notification => ({
              ...n,
              status: "sending",
              claimedUntil,
              attempts: n.attempts + 1
            })
          )
        return [
          due,
          { ...s, notifications: due.reduce((map, n) => HashMap.set(map, n.id, n), s.notifications) }
        ] as const
      }),
    markAttempted: (id, at) => Ref.update(state, (s) => update(s, id, (n) => ({ ...n, attemptedAt: at }))),
    markSent: (id, at) =>
      Ref.update(state, (s) =>
        update(s, id, (n) => ({ ...without(n, "claimedUntil"), status: "sent", sentAt: at }))
      ),
    markFailed: (id, error, nextAttemptAt) =>
      Ref.update(state, (s) =>
        update(s, id, (n) => ({
          ...without(n, "claimedUntil", "attemptedAt"),
          status: "pending",
          lastError: error,
          nextAttemptAt
        }))
      ),
    markDead: (id, error) =>
      Ref.update(state, (s) =>
        update(s, id, (n) => ({ ...without(n, "claimedUntil"), status: "dead", lastError: error }))
      ),
    findById: (id) => Effect.map(Ref.get(state), (s) => HashMap.get(s.notifications, id)),
    findByKey: (key) =>
      Effect.map(Ref.get(state), (s) =>
        Option.fromNullable(values(s.notifications).find((n) => n.key === key))
      ),
    list: (f) =>
      Effect.map(Ref.get(state), (s) => {
        const offset = f.offset ?? 0
        return values(s.notifications)
          .filter((n) => f.status === undefined || n.status === f.status)
          .sort((a, b) => b.createdAt.epochMillis - a.createdAt.epochMillis || cmp(a.id, b.id))
          .slice(offset, offset + f.limit)
      })
  })
)

export const layer = Layer.effect(Outbox.Outbox, make)
