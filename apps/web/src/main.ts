import { Config, Effect } from "effect"
import { startServer } from "./Server.js"

/**
 * `pnpm start`: the service on http://127.0.0.1:3000 (PORT, HOST). Without DATABASE_URL it keeps its
 * data in an embedded database under DATA_DIR, seeds the demo council into it when empty, and runs
 * the worker in this process. Configuration comes from the environment through Effect's Config.
 */
const level = Effect.runSync(Config.string("LOG_LEVEL").pipe(Config.withDefault("info")))

const server = await startServer({ log: { level } }).catch((error: unknown) => {
  console.error(`OpenAP could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})

const lines = [
  "",
  `OpenAP is running at ${server.url}`,
  server.workerRunning ? "The worker is running in this process (embedded database)." : ""
]
if (server.seed._tag === "Seeded") {
  lines.push("", `Demo data loaded. Sign in with the password "${server.seed.password}" as any of:`)
  for (const account of server.seed.accounts)
    lines.push(`  ${account.email.padEnd(40)} ${account.description}`)
} else if (server.seed.reason === "database-not-empty") {
  lines.push("", "Demo sign-ins (password openap-demo, or DEMO_PASSWORD when the data was seeded):")
  for (const account of server.demoAccounts)
    lines.push(`  ${account.email.padEnd(40)} ${account.description}`)
}
lines.push("", "Press Ctrl+C to stop.", "")
process.stdout.write(lines.filter((line, i) => line !== "" || lines[i - 1] !== "").join("\n"))

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
