import * as Migrator from "@effect/sql/Migrator"
import m0001 from "./0001_initial.js"
import m0002 from "./0002_sign_in_failures.js"

/**
 * Every migration, by number. Both stores run exactly these on start; add a file and a line here,
 * never edit a migration that has shipped.
 */
export const loader = Migrator.fromRecord({
  "0001_initial": m0001,
  "0002_sign_in_failures": m0002
})

/** Runs the pending migrations (in one transaction, under Postgres' table lock on the ledger). */
export const run = Migrator.make({})({ loader, table: "openap_migrations" })
