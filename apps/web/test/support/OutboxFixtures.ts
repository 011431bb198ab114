import {
  DataScope,
  type Ids,
  LessonRepository,
  Mailer,
  Notifications,
  OrganisationRepository,
  Register,
  RegisterRepository
} from "@openap/core"
import { EtaRenderer, Links } from "@openap/worker"
import { DateTime, Effect, Layer, Option } from "effect"
import { Temporal } from "temporal-polyfill"
import { expect } from "vitest"
import { signedIn, type TestApp } from "./TestApp.js"

/** A mail server that refuses every message for good, as one that knows none of the addresses would. */
export const refusingMailer = Layer.succeed(
  Mailer.Mailer,
  Mailer.Mailer.of({
    send: () => Effect.fail(new Mailer.MailNotSent({ permanent: true, reason: "550 mailbox unavailable" }))
  })
)

/** One round of the worker's own delivery, as its loop runs it every few seconds, through `mailer`. */
export const deliver = (t: TestApp, mailer: Layer.Layer<Mailer.Mailer>) =>
  t.runtime.runPromise(
    Notifications.DeliverOutbox.deliverDue(Notifications.DeliverOutbox.defaultSettings).pipe(
      Effect.provide(Layer.merge(mailer, EtaRenderer.layer(Links.make("http://127.0.0.1:3000"))))
    )
  )

export interface BegunLesson {
  readonly lessonId: Ids.LessonId
  readonly learners: ReadonlyArray<{ readonly id: string; readonly name: string; readonly school: string }>
}

/** The provider's lesson that began an hour ago (yesterday's, just after midnight), as the demo seeds it. */
export const begunLesson = (t: TestApp, providerName: string): Promise<BegunLesson> =>
  t.runtime.runPromise(
    Effect.gen(function* () {
      const organisations = yield* OrganisationRepository.OrganisationRepository
      const now = Temporal.Instant.fromEpochMilliseconds(DateTime.toEpochMillis(yield* DateTime.now))
      const today = now.toZonedDateTimeISO("Europe/London").toPlainDate()
      const provider = (yield* organisations.list("provider")).find((o) => o.name === providerName)
      const schools = yield* organisations.list("school")
      const lessons = yield* LessonRepository.LessonRepository
      const days = [today.subtract({ days: 1 }), today]
      const all = (yield* Effect.forEach(days, (d) => lessons.forDay(DataScope.all, d))).flat()
      const lessonId = all
        .filter(
          (s) =>
            s.providerId === provider?.id &&
            s.markedCount === 0 &&
            Register.hasStarted(Register.lessonStart(s.lesson.date, s.lesson.startTime), now)
        )
        .at(-1)?.lesson.id
      if (lessonId === undefined)
        throw new Error(`the demo data has no lesson of ${providerName} that began an hour ago`)
      const register = Option.getOrThrow(
        yield* (yield* RegisterRepository.RegisterRepository).load(DataScope.all, lessonId)
      )
      return {
        lessonId,
        learners: register.learners.map((l) => ({
          id: l.learnerId as string,
          name: `${l.givenName} ${l.familyName}`,
          school: schools.find((s) => s.id === l.schoolId)?.name ?? ""
        }))
      }
    })
  )

/**
 * A provider saves the register through its form with these codes for these learners. The
 * save-register use case queues an absence alert for each newly unexplained absence, in the same
 * transaction.
 */
export const saveMarks = async (
  t: TestApp,
  providerEmail: string,
  lesson: BegunLesson,
  codes: Readonly<Record<string, string>>
) => {
  const provider = await signedIn(t.app, providerEmail)
  const url = `/registers/${lesson.lessonId}/edit`
  const version = /name="version" value="(\d+)"/.exec((await provider.get(url)).body)?.[1]
  if (version === undefined) throw new Error("the register form has no version")
  const form: Record<string, string | Array<string>> = { version, learner: Object.keys(codes) }
  for (const [learnerId, code] of Object.entries(codes)) form[`code-${learnerId}`] = code
  const saved = await provider.post(url, form)
  expect(saved.statusCode).toBe(303)
}

/** The first save of a register: `absent` unexplained, every other learner present. */
export const markOneUnexplained = (t: TestApp, providerEmail: string, lesson: BegunLesson, absent: string) =>
  saveMarks(
    t,
    providerEmail,
    lesson,
    Object.fromEntries(
      lesson.learners.map((l) => [l.id, l.id === absent ? "unexplained_absence" : "present"])
    )
  )
