import { describe, expect, it } from "@effect/vitest"
import { TransferConfig } from "@openap/adapters"
import { ConfigProvider, Duration, Effect } from "effect"
import * as WorkerConfig from "../src/WorkerConfig.js"

const settingsFrom = (env: Record<string, string>) =>
  Effect.withConfigProvider(WorkerConfig.config, ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("the worker's links in emails", () => {
  it.effect("start with PUBLIC_BASE_URL when it is set", () =>
    Effect.gen(function* () {
      const settings = yield* settingsFrom({ PUBLIC_BASE_URL: "https://ap.example.gov.uk", PORT: "3998" })
      expect(settings.publicBaseUrl).toBe("https://ap.example.gov.uk/")
    })
  )

  it.effect("otherwise point where the web app listens, as the web app's own links do", () =>
    Effect.gen(function* () {
      expect((yield* settingsFrom({})).publicBaseUrl).toBe("http://127.0.0.1:3000/")
      expect((yield* settingsFrom({ PORT: "3998" })).publicBaseUrl).toBe("http://127.0.0.1:3998/")
      expect((yield* settingsFrom({ HOST: "::1", PORT: "8080" })).publicBaseUrl).toBe("http://[::1]:8080/")
    })
  )

  it.effect("refuse an address that is not a URL", () =>
    Effect.gen(function* () {
      const refused = yield* Effect.either(settingsFrom({ PUBLIC_BASE_URL: "not a url" }))
      expect(refused._tag).toBe("Left")
    })
  )
})

describe("the worker's transfer retention settings", () => {
  it.effect("are the web app's: TRANSFER_RETENTION_DAYS, ninety days unless set", () =>
    Effect.gen(function* () {
      expect(Duration.toDays((yield* settingsFrom({})).transfers.retention)).toBe(90)
      const configured = yield* settingsFrom({ TRANSFER_RETENTION_DAYS: "30" })
      expect(Duration.toDays(configured.transfers.retention)).toBe(30)
      expect(configured.transfers).toEqual(
        yield* Effect.withConfigProvider(
          TransferConfig.config,
          ConfigProvider.fromMap(new Map([["TRANSFER_RETENTION_DAYS", "30"]]))
        )
      )
      expect((yield* Effect.either(settingsFrom({ TRANSFER_RETENTION_DAYS: "0" })))._tag).toBe("Left")
    })
  )
})
