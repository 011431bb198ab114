import { SmtpMailer, Store } from "@openap/adapters"
import { Mailer, Notifications } from "@openap/core"
import { Config, Effect, Layer, Option } from "effect"
import * as EtaRenderer from "../../src/EtaRenderer.js"
import * as Links from "../../src/Links.js"
import { smtpOptions } from "../SmtpServer.js"

/**
 * A worker process for the crash test: one delivery round against the store in CRASH_STORE_DIR
 * (embedded) or CRASH_DATABASE_URL (PostgreSQL), to the SMTP server on CRASH_SMTP_PORT. The test
 * kills it with SIGKILL while the SMTP server holds the message and has not yet answered.
 */
const program = Effect.gen(function* () {
  const port = yield* Config.integer("CRASH_SMTP_PORT")
  const mailer = yield* SmtpMailer.make(smtpOptions(port))
  const report = yield* Notifications.DeliverOutbox.deliverDue().pipe(
    Effect.provideService(Mailer.Mailer, mailer)
  )
  console.log(JSON.stringify(report))
})

const store = Layer.unwrapEffect(
  Effect.map(
    Config.all({
      dir: Config.option(Config.string("CRASH_STORE_DIR")),
      url: Config.option(Config.redacted("CRASH_DATABASE_URL"))
    }),
    ({ dir, url }) =>
      Option.isSome(url) ? Store.layerPostgres(url.value, 2) : Store.layerEmbedded(Option.getOrThrow(dir))
  )
)

Effect.runPromise(
  program.pipe(
    Effect.scoped,
    Effect.provide(EtaRenderer.layer(Links.make("https://ap.example"))),
    Effect.provide(store)
  )
).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
