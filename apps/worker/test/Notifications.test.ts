import { describe, expect, layer } from "@effect/vitest"
import { Notifications, Outbox } from "@openap/core"
import { Effect, Layer, Option, Schema } from "effect"
import { Temporal } from "temporal-polyfill"
import { addresses, ids, lesson, mark, seed } from "./Fixtures.js"
import { allStores, at } from "./Stores.js"

const day = (iso: string) => Temporal.PlainDate.from(iso)
const all = Effect.flatMap(Outbox.Outbox, (o) => o.list({ limit: 1000 }))
const ofKind = (kind: string) => Effect.map(all, (ms) => ms.filter((m) => m.kind === kind))

const saveAndAlert = (
  lessonId: Parameters<typeof mark>[0],
  marks: Parameters<typeof mark>[1],
  when: string
) =>
  at(when)(
    Effect.gen(function* () {
      const before = yield* mark(lessonId, marks)
      const changes = marks.map(([learnerId, code]) => ({ learnerId, code, contribution: 0 }))
      return yield* Notifications.AbsenceAlert.enqueueAbsenceAlerts(
        Notifications.AbsenceAlert.savedRegister(before, changes, "Ride High")
      )
    })
  )

describe.each(allStores)("notification jobs on the $name store", (store) => {
  const seeded = Layer.effectDiscard(seed).pipe(Layer.provideMerge(store.layer))

  layer(seeded, { timeout: 60_000 })("unexplained-absence alert", (it) => {
    it.effect(
      "one alert per school for a saved register, to its coordinator and DSL, naming only its learners",
      () =>
        Effect.gen(function* () {
          const monday = day("2025-10-06")
          const lessonId = yield* lesson(monday, "09:30", "12:00")
          const enqueued = yield* saveAndAlert(
            lessonId,
            [
              [ids.amy, "unexplained_absence"],
              [ids.ben, "present"],
              [ids.cara, "unexplained_absence"]
            ],
            "2025-10-06T09:45:00Z"
          )
          expect(enqueued).toBe(2)
          const alerts = yield* ofKind("absence-alert")
          expect(alerts).toHaveLength(2)
          const toA = alerts.find((m) => m.recipients.includes(addresses.schoolACoordinator))!
          expect([...toA.recipients].sort()).toEqual(
            [addresses.schoolACoordinator, addresses.schoolADsl].sort()
          )
          const dataA = yield* Schema.decodeUnknown(Notifications.AbsenceAlert.AbsenceAlertData)(
            toA.content._tag === "Template" ? toA.content.data : {}
          )
          expect(dataA.learners.map((l) => l.name)).toEqual(["Amy Olsen"])
          expect(dataA.schoolName).toBe("Aldridge School")
          expect(dataA.courseTitle).toBe("Motor vehicle skills")
          expect(dataA.startTime.toString()).toBe("09:30:00")
          expect(JSON.stringify(toA)).not.toContain("Cara")
          const toB = alerts.find((m) => m !== toA)!
          expect(toB.recipients).toEqual([addresses.schoolBCoordinator])
          expect(JSON.stringify(toB)).not.toMatch(/Amy|Ben/)
        })
    )

    it.effect("saving the same register again alerts nobody twice; a newly absent learner is alerted", () =>
      Effect.gen(function* () {
        const lessonId = yield* lesson(day("2025-10-07"), "09:30", "12:00")
        expect(
          yield* saveAndAlert(lessonId, [[ids.amy, "unexplained_absence"]], "2025-10-07T09:40:00Z")
        ).toBe(1)
        expect(
          yield* saveAndAlert(
            lessonId,
            [
              [ids.amy, "unexplained_absence"],
              [ids.ben, "present"]
            ],
            "2025-10-07T09:50:00Z"
          )
        ).toBe(0)
        expect(
          yield* saveAndAlert(lessonId, [[ids.ben, "unexplained_absence"]], "2025-10-07T10:00:00Z")
        ).toBe(1)
        const forLesson = (yield* ofKind("absence-alert")).filter((m) => m.key.includes(lessonId))
        expect(forLesson).toHaveLength(2)
      })
    )

    it.effect("a register saved with no unexplained absence produces no alert", () =>
      Effect.gen(function* () {
        const lessonId = yield* lesson(day("2025-10-08"), "09:30", "12:00")
        const enqueued = yield* saveAndAlert(
          lessonId,
          [
            [ids.amy, "present"],
            [ids.ben, "late"],
            [ids.cara, "not_required"]
          ],
          "2025-10-08T09:45:00Z"
        )
        expect(enqueued).toBe(0)
        expect((yield* ofKind("absence-alert")).filter((m) => m.key.includes(lessonId))).toEqual([])
      })
    )
  })

  layer(seeded, { timeout: 60_000 })("daily digest", (it) => {
    const digest = (when: string) => at(when)(Notifications.DailyDigest.sendDailyDigests())

    it.effect("sends nothing when no school has an unprocessed absence", () =>
      Effect.gen(function* () {
        expect(yield* digest("2025-10-06T15:00:00Z")).toBe(0)
        expect(yield* ofKind("daily-digest")).toEqual([])
      })
    )

    it.effect(
      "at 16:00 on a working day, one digest per school with absences, oldest first, once a day",
      () =>
        Effect.gen(function* () {
          const older = yield* lesson(day("2025-10-02"), "13:00", "15:00")
          const newer = yield* lesson(day("2025-10-03"), "09:00", "11:00")
          yield* at("2025-10-03T12:00:00Z")(mark(newer, [[ids.ben, "unexplained_absence"]]))
          yield* at("2025-10-02T15:00:00Z")(mark(older, [[ids.amy, "unexplained_absence"]]))
          // 14:59 in London (BST) is too early; 15:00Z is 16:00 London
          expect(yield* digest("2025-10-06T14:59:00Z")).toBe(0)
          expect(yield* digest("2025-10-06T15:00:00Z")).toBe(1)
          expect(yield* digest("2025-10-06T15:01:00Z")).toBe(0)
          const [sent] = yield* ofKind("daily-digest")
          expect(sent?.recipients).toEqual([addresses.schoolACoordinator, addresses.schoolADsl].sort())
          const data = yield* Schema.decodeUnknown(Notifications.DailyDigest.DailyDigestData)(
            sent?.content._tag === "Template" ? sent.content.data : {}
          )
          expect(data.absences.map((a) => a.learnerName)).toEqual(["Amy Olsen", "Ben Cole"])
          expect(data.listedAll).toBe(true)
        })
    )

    it.effect("sends nothing at weekends or on bank holidays, and nothing after the catch-up hour", () =>
      Effect.gen(function* () {
        const before = (yield* ofKind("daily-digest")).length
        expect(yield* digest("2025-10-11T15:00:00Z")).toBe(0) // Saturday
        expect(yield* digest("2025-12-25T16:00:00Z")).toBe(0) // Christmas Day (GMT)
        expect(yield* digest("2025-08-25T15:00:00Z")).toBe(0) // summer bank holiday (BST)
        expect(yield* digest("2025-10-07T16:00:00Z")).toBe(0) // 17:00 London: catch-up over
        expect((yield* ofKind("daily-digest")).length).toBe(before)
        expect(yield* digest("2025-10-07T15:30:00Z")).toBe(1) // next working day, within the hour
      })
    )
  })

  layer(seeded, { timeout: 60_000 })("register reminder", (it) => {
    const remind = (when: string) => at(when)(Notifications.RegisterReminders.sendRegisterReminders())

    it.effect("reminds the provider's coordinator once, 30 minutes after an incomplete lesson ends", () =>
      Effect.gen(function* () {
        const lessonId = yield* lesson(day("2025-10-06"), "09:30", "12:00")
        yield* at("2025-10-06T10:00:00Z")(mark(lessonId, [[ids.amy, "present"]]))
        // 12:00 London is 11:00Z: 12:29 is too soon
        expect(yield* remind("2025-10-06T11:29:00Z")).toBe(0)
        expect(yield* remind("2025-10-06T11:30:00Z")).toBe(1)
        expect(yield* remind("2025-10-06T11:45:00Z")).toBe(0)
        const [reminder] = yield* ofKind("register-reminder")
        expect(reminder?.recipients).toEqual([addresses.providerCoordinator])
        const data = yield* Schema.decodeUnknown(Notifications.RegisterReminders.RegisterReminderData)(
          reminder?.content._tag === "Template" ? reminder.content.data : {}
        )
        expect(data.unmarked).toBe(2)
        expect(data.lessonId).toBe(lessonId)
      })
    )

    it.effect("no reminder for a complete register", () =>
      Effect.gen(function* () {
        const lessonId = yield* lesson(day("2025-10-08"), "09:00", "10:00")
        yield* at("2025-10-08T08:30:00Z")(
          mark(lessonId, [
            [ids.amy, "present"],
            [ids.ben, "present"],
            [ids.cara, "late"]
          ])
        )
        expect(yield* remind("2025-10-08T12:00:00Z")).toBe(0)
        const outbox = yield* Outbox.Outbox
        expect(yield* outbox.findByKey(Notifications.RegisterReminders.keyOf(lessonId))).toEqual(
          Option.none()
        )
      })
    )

    it.effect("nothing on a weekend; Friday's incomplete register is chased on Monday", () =>
      Effect.gen(function* () {
        const friday = yield* lesson(day("2025-10-10"), "14:00", "15:00")
        expect(yield* remind("2025-10-11T10:00:00Z")).toBe(0) // Saturday
        expect(yield* remind("2025-10-12T10:00:00Z")).toBe(0) // Sunday
        expect(yield* remind("2025-10-13T07:00:00Z")).toBe(1) // Monday 08:00 London
        const outbox = yield* Outbox.Outbox
        expect(Option.isSome(yield* outbox.findByKey(Notifications.RegisterReminders.keyOf(friday)))).toBe(
          true
        )
      })
    )
  })
})
