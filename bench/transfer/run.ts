/**
 * Secure file transfer bench: a 1 GiB file uploaded and downloaded through the real HTTP server
 * (Fastify, multipart streaming, the core's checks, AES-256-GCM chunked encryption with a read-back
 * verification before publishing, and the verified download), each as a ratio to what the machine
 * does with the same file at the bottom: `openssl enc -aes-256-ctr` plus `cp`. Also the process's
 * peak memory while it runs, to show that neither direction holds the file.
 *
 * The client is curl, in its own process, so the memory figure is the server's alone.
 *
 * Not part of the test run: `pnpm exec tsx bench/transfer/run.ts` (about a minute; up to 3 GiB of
 * disk under the system's temporary folder while it runs). BENCH_TRANSFER_MB sets the size (1024).
 */
import { execFile, execFileSync } from "node:child_process"
import { createHash, randomBytes } from "node:crypto"
import { createReadStream, createWriteStream } from "node:fs"
import { mkdtemp, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { FileStorageFs, Store, seedDemo } from "@openap/adapters"
import { Config, Duration, Effect, Option, Redacted } from "effect"
import { buildApp } from "../../apps/web/src/App.js"
import { makeRuntime } from "../../apps/web/src/AppRuntime.js"
import type { WebConfig } from "../../apps/web/src/WebConfig.js"
import { elapsed, log } from "../support/Timing.js"

const sizeMb = Effect.runSync(Config.integer("BENCH_TRANSFER_MB").pipe(Config.withDefault(1024)))
// The entry file sets the service's limit for the bench: the default (50 MB) would refuse the file.
process.env.TRANSFER_MAX_FILE_MB = String(sizeMb + 16)

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 25)

/** A PDF by its first bytes (the format check reads content), random after that. */
const makeFile = async (path: string) => {
  async function* blocks() {
    yield Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", "latin1")
    for (let i = 0; i < sizeMb; i++) yield randomBytes(1024 * 1024)
  }
  await pipeline(Readable.from(blocks()), createWriteStream(path))
}

const cookieJar = () => {
  const jar = new Map<string, string>()
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    keep: (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";")
        const at = pair!.indexOf("=")
        jar.set(pair!.slice(0, at), pair!.slice(at + 1))
      }
      return response
    }
  }
}

const curl = (args: ReadonlyArray<string>) =>
  new Promise<string>((resolve, reject) =>
    execFile("curl", ["-s", "-S", ...args], { maxBuffer: 1024 * 1024 }, (error, stdout) =>
      error === null ? resolve(stdout) : reject(error)
    )
  )

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ""

const signIn = async (base: string, email: string) => {
  const jar = cookieJar()
  const form = await jar.keep(await fetch(`${base}/sign-in`)).text()
  const response = jar.keep(
    await fetch(`${base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ email, password: "bench-password", _csrf: csrfOf(form) })
    })
  )
  if (response.status !== 303) throw new Error(`sign-in as ${email}: ${response.status}`)
  return jar
}

const main = async () => {
  const work = await mkdtemp(join(tmpdir(), "openap-bench-transfer-"))
  const source = join(work, "source.pdf")
  try {
    log(`secure file transfer bench: ${sizeMb} MiB, ${new Date().toISOString()}`)
    await makeFile(source)
    const size = (await stat(source)).size

    // The floor: encrypt the file once with openssl (AES-256-CTR, no authentication) and copy it once.
    const key = randomBytes(32).toString("hex")
    const iv = randomBytes(16).toString("hex")
    const [, opensslMs] = await elapsed(async () =>
      execFileSync("openssl", [
        "enc",
        "-aes-256-ctr",
        "-K",
        key,
        "-iv",
        iv,
        "-in",
        source,
        "-out",
        join(work, "floor.enc")
      ])
    )
    await rm(join(work, "floor.enc"))
    const [, cpMs] = await elapsed(async () => execFileSync("cp", [source, join(work, "floor.copy")]))
    await rm(join(work, "floor.copy"))
    const floorMs = opensslMs + cpMs

    const runtime = makeRuntime(
      Store.layerEmbeddedInMemory,
      FileStorageFs.layer({
        root: join(work, "files"),
        masterKey: Redacted.make<Uint8Array>(randomBytes(32))
      })
    )
    await runtime.runPromise(seedDemo("bench-password"))
    const config: WebConfig = {
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://127.0.0.1",
      serviceName: "bench",
      councilName: "bench",
      sessionIdleTimeout: Duration.minutes(30),
      cookieSecret: Option.some(Redacted.make("a bench secret that is long enough to sign cookies")),
      secureCookies: false,
      trustProxy: false
    }
    const app = await buildApp({ config, runtime })
    await app.listen({ port: 0, host: "127.0.0.1" })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`

    const school = await signIn(base, "school.dsl@demo.openap.test")
    const form = await school
      .keep(await fetch(`${base}/file-transfer/send`, { headers: { cookie: school.header() } }))
      .text()
    const cap = /<option value="([0-9a-f-]{36})"/.exec(form)?.[1] ?? ""
    // curl is the client, in its own process: what is measured here is the server alone.
    const rssBefore = process.memoryUsage().rss
    peakRss = rssBefore
    const [uploaded, uploadMs] = await elapsed(() =>
      curl([
        "-H",
        `cookie: ${school.header()}`,
        "-F",
        `_csrf=${csrfOf(form)}`,
        "-F",
        `files[0][recipient]=${cap}`,
        "-F",
        "files[0][documentType]=other",
        "-F",
        "files[0][description]=bench",
        "-F",
        `files[0][file]=@${source};type=application/pdf`,
        "-o",
        "/dev/null",
        "-w",
        "%{http_code} %{redirect_url}",
        `${base}/file-transfer/send`
      ])
    )
    const [status, location] = uploaded.split(" ")
    if (status !== "303" || location === undefined) throw new Error(`upload answered ${uploaded}`)
    const review = await school.keep(await fetch(location, { headers: { cookie: school.header() } })).text()
    const confirmed = await fetch(`${location}/confirm`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: school.header() },
      body: new URLSearchParams({ _csrf: csrfOf(review) })
    })
    if (confirmed.status !== 303) throw new Error(`confirm answered ${confirmed.status}`)

    const capAdmin = await signIn(base, "cap.admin@demo.openap.test")
    const inbox = await (
      await fetch(`${base}/file-transfer`, { headers: { cookie: capAdmin.header() } })
    ).text()
    const link = /href="(\/file-transfer\/files\/[^"]+\/download)"/.exec(inbox)?.[1]
    const downloaded = join(work, "downloaded.pdf")
    const [answer, downloadMs] = await elapsed(() =>
      curl(["-H", `cookie: ${capAdmin.header()}`, "-o", downloaded, "-w", "%{http_code}", `${base}${link}`])
    )
    if (answer !== "200") throw new Error(`download answered ${answer}`)
    const digest = async (path: string) => {
      const hash = createHash("sha256")
      await pipeline(createReadStream(path), hash)
      return hash.digest("hex")
    }
    if ((await digest(downloaded)) !== (await digest(source)))
      throw new Error("the downloaded file differs from the uploaded one")
    clearInterval(sampler)

    await app.close()
    await runtime.dispose()

    log(
      `file: ${mib(size)}; floor = openssl enc -aes-256-ctr ${seconds(opensslMs)} + cp ${seconds(cpMs)} = ${seconds(floorMs)}`
    )
    log(
      `upload through HTTP (stream, check, encrypt, fsync, verify, publish): ${seconds(uploadMs)}, ratio ${(uploadMs / floorMs).toFixed(2)}`
    )
    log(
      `download through HTTP (decrypt, verify each chunk, stream): ${seconds(downloadMs)}, ratio ${(downloadMs / floorMs).toFixed(2)}`
    )
    log(
      `server memory: RSS ${mib(rssBefore)} before the transfers, peak ${mib(peakRss)} during them (+${mib(peakRss - rssBefore)}); the client is curl, in its own process`
    )
  } finally {
    clearInterval(sampler)
    await rm(work, { recursive: true, force: true })
  }
}

await main()
