import { FileStorageFs, Store } from "@openap/adapters"
import { Config, Effect, Exit, Fiber, Layer, Option } from "effect"
import * as WorkerLayer from "./WorkerLayer.js"

/**
 * `pnpm start:worker`: one worker on its own, against the PostgreSQL at DATABASE_URL. Start as many
 * as you like; they share the work. Files are deleted from the store the web app keeps them in
 * (DATA_DIR and FILE_STORAGE_MASTER_KEY, as it reads them). SIGTERM or SIGINT stops it gracefully.
 */
const program = Effect.gen(function* () {
  const url = yield* Config.option(Config.redacted("DATABASE_URL"))
  if (Option.isNone(url)) {
    return yield* Effect.fail(
      "DATABASE_URL is not set. Without it the service runs on its embedded database, where `pnpm start` " +
        "runs the worker inside the web process."
    )
  }
  yield* Effect.logInfo("worker starting")
  return yield* Layer.launch(
    WorkerLayer.layer.pipe(
      Layer.provide(Layer.merge(Store.layerPostgres(url.value), FileStorageFs.layerConfig))
    )
  )
})

const fiber = Effect.runFork(program)
const stop = () => {
  Effect.runFork(Effect.logInfo("worker stopping: finishing the work in hand"))
  Effect.runFork(Fiber.interrupt(fiber))
}
process.once("SIGTERM", stop)
process.once("SIGINT", stop)
fiber.addObserver((exit) => {
  if (Exit.isFailure(exit) && !Exit.isInterrupted(exit)) {
    Effect.runSync(Effect.logError("worker stopped", exit.cause))
    process.exit(1)
  }
  process.exit(0)
})
