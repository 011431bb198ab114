import { layer } from "@effect/vitest"
import { Option } from "effect"
import * as Store from "../src/Store.js"
import { postgresServer } from "./contract/Databases.js"
import { contractSuites } from "./contract/index.js"

layer(Store.layerEmbeddedInMemory, { timeout: "120 seconds" })("embedded PGlite store", (it) => {
  contractSuites(it)
})

if (Option.isSome(postgresServer)) {
  layer(Store.layerPostgresFresh(postgresServer.value), { timeout: "60 seconds" })(
    "PostgreSQL store",
    (it) => {
      contractSuites(it)
    }
  )
}
