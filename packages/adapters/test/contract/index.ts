import type { Vitest } from "@effect/vitest"
import type * as Store from "../../src/Store.js"
import { organisations, sessions, users } from "./Accounts.js"
import { isolation } from "./Isolation.js"
import { audit, outbox, transfers, unitOfWork } from "./Messaging.js"
import { courses, enrolments, learners, lessons, notes } from "./Records.js"
import { registers } from "./Registers.js"

/**
 * Every port's contract, written once: each store (memory, embedded PGlite, real PostgreSQL) runs
 * these same tests against one shared instance. Tests make their own organisations and learners,
 * so they never see each other's rows.
 */
export const contractSuites = (it: Vitest.MethodsNonLive<Store.Repositories>) => {
  organisations(it)
  users(it)
  sessions(it)
  learners(it)
  courses(it)
  enrolments(it)
  lessons(it)
  registers(it)
  notes(it)
  transfers(it)
  outbox(it)
  audit(it)
  unitOfWork(it)
  isolation(it)
}
