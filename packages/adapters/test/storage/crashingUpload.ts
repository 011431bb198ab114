/**
 * Run as a child process by the storage tests: starts an upload that never ends, so the test can
 * kill the process in the middle of it with SIGKILL, as a crash or an OOM kill would.
 */
import { FileStorage } from "@openap/core"
import { Effect, Redacted, Stream } from "effect"
import * as FileStorageFs from "../../src/storage/FileStorageFs.js"

const [root, masterKeyBase64, key] = process.argv.slice(2)
if (root === undefined || masterKeyBase64 === undefined || key === undefined) {
  throw new Error("usage: crashingUpload <root> <master key base64> <key>")
}
const block = new Uint8Array(64 * 1024).fill(7)
const endless = Stream.repeatValue(block).pipe(Stream.tap(() => Effect.sleep(1)))

await Effect.runPromise(
  Effect.gen(function* () {
    const storage = yield* FileStorageFs.make({
      root,
      masterKey: Redacted.make<Uint8Array>(Buffer.from(masterKeyBase64, "base64"))
    })
    yield* storage.put(FileStorage.StorageKey.make(key), endless)
  })
)
