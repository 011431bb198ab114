import { Config, Effect } from "effect"
import pg from "pg"

/** The server the benches load their councils into: BENCH_DATABASE_URL, else DATABASE_URL, else local. */
const serverUrl = Effect.runSync(
  Config.string("BENCH_DATABASE_URL").pipe(
    Config.orElse(() => Config.string("DATABASE_URL")),
    Config.withDefault("postgres://postgres@127.0.0.1:5432/postgres")
  )
)

/**
 * A database of the bench's own on that server, by name: each bench has one, so benches never share
 * rows with each other or with the tests.
 */
export const urlOf = (name: string): string => {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export const hostOf = (name: string): string => `${new URL(serverUrl).host}/${name}`

/** Drops the bench's database, closing any session left on it by an interrupted run, and makes it again. */
export const recreate = async (name: string): Promise<void> => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)
    await admin.query(`create database ${pg.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
}

export const connect = async (name: string): Promise<pg.Client> => {
  const db = new pg.Client({ connectionString: urlOf(name) })
  await db.connect()
  return db
}
