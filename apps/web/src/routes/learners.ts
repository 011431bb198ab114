import { AttendanceCode, Ids, Learner, Registers } from "@openap/core"
import { Option, Schema } from "effect"
import * as Forms from "../Forms.js"
import * as Guards from "../Guards.js"
import { NotFound } from "../HttpErrors.js"
import type { Journey } from "../Journey.js"
import { paths } from "../paths.js"
import { formatContribution, formatDate, formatTime, markTag, summaryText } from "./registers.js"

/** A learner's attendance: the minimal learner page, until the full training record exists. */
export const learners: Journey = {
  name: "learners",
  routes: (app, web) => {
    app.get(paths.learner.pattern, async (request, reply) => {
      const learnerId = Option.getOrThrowWith(
        Schema.decodeUnknownOption(Ids.LearnerId)(Forms.param(request, "learnerId")),
        () => new NotFound()
      )
      const page = await web.run(Registers.learnerAttendance(Guards.actor(request), learnerId))
      return reply.page("learners/show", {
        title: Learner.fullName(page.learner),
        name: Learner.fullName(page.learner),
        schoolName: page.schoolName,
        rate: summaryText(page.summary).rate,
        counts: page.summary.counts.map((c) => ({ label: AttendanceCode.label[c.code], count: c.count })),
        marks: page.marks.map((m) => ({
          href: paths.register({ lessonId: m.lesson.id }),
          course: m.courseTitle,
          when: `${formatDate(m.lesson.date)}, ${formatTime(m.lesson.startTime)}`,
          mark: markTag(m.mark.code),
          contribution: formatContribution(m.mark.contribution),
          note: m.mark.note ?? ""
        }))
      })
    })
  }
}
