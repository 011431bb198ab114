import { layer } from "@effect/vitest"
import * as Store from "../src/Store.js"
import { contractSuites } from "./contract/index.js"

layer(Store.layerMemory)("memory store", (it) => {
  contractSuites(it)
})
