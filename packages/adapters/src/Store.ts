import { randomBytes } from "node:crypto"
import { resolve } from "node:path"
import type { SqlClient } from "@effect/sql"
import type { MigrationError } from "@effect/sql/Migrator"
import { SqlError } from "@effect/sql/SqlError"
import * as PgClient from "@effect/sql-pg/PgClient"
import type {
  AuditLog,
  CourseRepository,
  EnrolmentRepository,
  IdGenerator,
  LearnerRepository,
  LessonRepository,
  NoteRepository,
  OrganisationRepository,
  Outbox,
  RegisterRepository,
  SessionStore,
  TransferRepository,
  UnitOfWork,
  UserRepository
} from "@openap/core"
import { Config, type ConfigError, Context, Effect, Layer, Option, Redacted } from "effect"
import pg from "pg"
import * as IdGeneratorLive from "./IdGeneratorLive.js"
import * as MemoryAuditLog from "./memory/MemoryAuditLog.js"
import * as MemoryCourseRepository from "./memory/MemoryCourseRepository.js"
import * as MemoryEnrolmentRepository from "./memory/MemoryEnrolmentRepository.js"
import * as MemoryLearnerRepository from "./memory/MemoryLearnerRepository.js"
import * as MemoryLessonRepository from "./memory/MemoryLessonRepository.js"
import * as MemoryNoteRepository from "./memory/MemoryNoteRepository.js"
import * as MemoryOrganisationRepository from "./memory/MemoryOrganisationRepository.js"
import * as MemoryOutbox from "./memory/MemoryOutbox.js"
import * as MemoryRegisterRepository from "./memory/MemoryRegisterRepository.js"
import * as MemorySessionStore from "./memory/MemorySessionStore.js"
import * as MemoryState from "./memory/MemoryState.js"
import * as MemoryTransferRepository from "./memory/MemoryTransferRepository.js"
import * as MemoryUnitOfWork from "./memory/MemoryUnitOfWork.js"
import * as MemoryUserRepository from "./memory/MemoryUserRepository.js"
import * as Migrations from "./migrations/index.js"
import * as EmbeddedDatabase from "./pglite/EmbeddedDatabase.js"
import * as PgliteClient from "./pglite/PgliteClient.js"
import * as SqlAuditLog from "./sql/SqlAuditLog.js"
import * as SqlCourseRepository from "./sql/SqlCourseRepository.js"
import * as SqlEnrolmentRepository from "./sql/SqlEnrolmentRepository.js"
import * as SqlLearnerRepository from "./sql/SqlLearnerRepository.js"
import * as SqlLessonRepository from "./sql/SqlLessonRepository.js"
import * as SqlNoteRepository from "./sql/SqlNoteRepository.js"
import * as SqlOrganisationRepository from "./sql/SqlOrganisationRepository.js"
import * as SqlOutbox from "./sql/SqlOutbox.js"
import * as SqlRegisterRepository from "./sql/SqlRegisterRepository.js"
import * as SqlSessionStore from "./sql/SqlSessionStore.js"
import * as SqlTransferRepository from "./sql/SqlTransferRepository.js"
import * as SqlUnitOfWork from "./sql/SqlUnitOfWork.js"
import * as SqlUserRepository from "./sql/SqlUserRepository.js"

/**
 * Which database the store runs on, for the few things that must know: the job queue connects to
 * Postgres itself, or runs its statements through the embedded database's lock.
 */
export type BackendInfo =
  | { readonly _tag: "Postgres"; readonly url: Redacted.Redacted<string> }
  | { readonly _tag: "Embedded"; readonly database: EmbeddedDatabase.EmbeddedDatabase["Type"] }
  | { readonly _tag: "Memory" }

export class Backend extends Context.Tag("openap/StoreBackend")<Backend, BackendInfo>() {}

/** Every port the store provides. */
export type Repositories =
  | OrganisationRepository.OrganisationRepository
  | UserRepository.UserRepository
  | SessionStore.SessionStore
  | LearnerRepository.LearnerRepository
  | CourseRepository.CourseRepository
  | EnrolmentRepository.EnrolmentRepository
  | LessonRepository.LessonRepository
  | RegisterRepository.RegisterRepository
  | NoteRepository.NoteRepository
  | TransferRepository.TransferRepository
  | Outbox.Outbox
  | AuditLog.AuditLog
  | UnitOfWork.UnitOfWork
  | IdGenerator.IdGenerator
  | Backend

/** A database store also hands out its SqlClient, for features that add their own tables. */
export type Services = Repositories | SqlClient.SqlClient

export type StoreError =
  | SqlError
  | MigrationError
  | ConfigError.ConfigError
  | EmbeddedDatabase.DataDirInUse
  | EmbeddedDatabase.EmbeddedDatabaseError

const sqlRepositories = Layer.mergeAll(
  SqlOrganisationRepository.layer,
  SqlUserRepository.layer,
  SqlSessionStore.layer,
  SqlLearnerRepository.layer,
  SqlCourseRepository.layer,
  SqlEnrolmentRepository.layer,
  SqlLessonRepository.layer,
  SqlRegisterRepository.layer,
  SqlNoteRepository.layer,
  SqlTransferRepository.layer,
  SqlOutbox.layer,
  SqlAuditLog.layer,
  SqlUnitOfWork.layer,
  IdGeneratorLive.layer
)

/** The repositories over any SqlClient, after bringing its schema up to date. */
export const layerFromSqlClient = <E, R>(
  client: Layer.Layer<SqlClient.SqlClient, E, R>,
  backend: Layer.Layer<Backend, E, R>
): Layer.Layer<Services, E | SqlError | MigrationError, R> =>
  Layer.mergeAll(sqlRepositories, Layer.effectDiscard(Migrations.run)).pipe(
    Layer.provideMerge(client),
    Layer.merge(backend)
  )

/**
 * node-postgres turns a `date` into a JS Date at local midnight, which shifts the day in any other
 * time zone: keep it as ISO text, like PGlite does here.
 */
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === 1082 ? (value: string) => value : pg.types.getTypeParser(oid, format)
} as unknown as pg.CustomTypesConfig

export const pgClientLayer = (url: Redacted.Redacted<string>, maxConnections = 10) =>
  PgClient.layer({ url, types: pgTypes, maxConnections, applicationName: "openap" })

/** Real PostgreSQL at `url`. */
export const layerPostgres = (url: Redacted.Redacted<string>, maxConnections = 10) =>
  layerFromSqlClient(pgClientLayer(url, maxConnections), Layer.succeed(Backend, { _tag: "Postgres", url }))

/** The embedded PostgreSQL (PGlite) with its data under `dataDir`, kept across restarts. */
export const layerEmbedded = (dataDir: string) => layerEmbeddedFrom(EmbeddedDatabase.layerDir(dataDir))

/** An embedded PostgreSQL in memory: a fresh, empty, migrated database. For tests. */
export const layerEmbeddedInMemory = layerEmbeddedFrom(EmbeddedDatabase.layerInMemory)

function layerEmbeddedFrom<E>(database: Layer.Layer<EmbeddedDatabase.EmbeddedDatabase, E>) {
  return layerFromSqlClient(
    PgliteClient.layer,
    Layer.effect(
      Backend,
      Effect.map(EmbeddedDatabase.EmbeddedDatabase, (db): BackendInfo => ({ _tag: "Embedded", database: db }))
    )
  ).pipe(Layer.provideMerge(database))
}

/**
 * The store as configured: real PostgreSQL when `DATABASE_URL` is set, otherwise the embedded
 * database under `DATA_DIR` (default ./data; a relative path is taken from where the command was
 * run). Migrations run before anything else can use it.
 */
export const layer: Layer.Layer<Services, StoreError> = Layer.unwrapEffect(
  Effect.gen(function* () {
    const url = yield* Config.option(Config.redacted("DATABASE_URL"))
    const dataDir = yield* Config.string("DATA_DIR").pipe(Config.withDefault("./data"))
    // pnpm runs a package's script in the package's folder but says where it was invoked (INIT_CWD):
    // `pnpm start` and `pnpm demo:seed` from the repository root must find the same ./data.
    const invokedIn = yield* Config.option(Config.string("INIT_CWD"))
    return Option.isSome(url) && Redacted.value(url.value).trim() !== ""
      ? layerPostgres(url.value)
      : layerEmbedded(
          resolve(
            Option.getOrElse(invokedIn, () => "."),
            dataDir
          )
        )
  })
) as Layer.Layer<Services, StoreError>

/** Every port in memory (Ref + HashMap), with predictable ids: for fast use-case tests. */
export const layerMemory: Layer.Layer<Repositories | MemoryState.MemoryState> = Layer.mergeAll(
  MemoryOrganisationRepository.layer,
  MemoryUserRepository.layer,
  MemorySessionStore.layer,
  MemoryLearnerRepository.layer,
  MemoryCourseRepository.layer,
  MemoryEnrolmentRepository.layer,
  MemoryLessonRepository.layer,
  MemoryRegisterRepository.layer,
  MemoryNoteRepository.layer,
  MemoryTransferRepository.layer,
  MemoryOutbox.layer,
  MemoryAuditLog.layer,
  MemoryUnitOfWork.layer,
  IdGeneratorLive.layerSequential,
  Layer.succeed(Backend, { _tag: "Memory" })
).pipe(Layer.provideMerge(MemoryState.layer))

/**
 * A brand-new database on the PostgreSQL server at `serverUrl` (the tests' DATABASE_URL), dropped
 * again when the layer is released: parallel test runs never share tables. Fails, never skips,
 * when the server cannot be reached.
 */
export const layerPostgresFresh = (serverUrl: Redacted.Redacted<string>, maxConnections = 4) =>
  Layer.unwrapScoped(Effect.map(freshDatabase(serverUrl), (url) => layerPostgres(url, maxConnections)))

/** Creates a uniquely named database on the server and drops it when the scope closes. */
export const freshDatabase = (serverUrl: Redacted.Redacted<string>) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        const name = `openap_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`
        const client = new pg.Client({
          connectionString: Redacted.value(serverUrl),
          connectionTimeoutMillis: 5000
        })
        await client.connect()
        try {
          await client.query(`create database ${name}`)
        } finally {
          await client.end()
        }
        const url = new URL(Redacted.value(serverUrl))
        url.pathname = `/${name}`
        return { name, url: Redacted.make(url.toString()) }
      },
      catch: (cause) => new SqlError({ cause, message: "Could not create a test database on DATABASE_URL" })
    }),
    ({ name }) =>
      Effect.promise(async () => {
        const client = new pg.Client({ connectionString: Redacted.value(serverUrl) })
        await client.connect()
        try {
          await client.query(`drop database if exists ${name} with (force)`)
        } finally {
          await client.end()
        }
      }).pipe(Effect.ignore)
  ).pipe(Effect.map(({ url }) => url))
