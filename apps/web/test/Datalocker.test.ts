import { randomBytes } from "node:crypto"
import { mkdtemp, readdir } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FileStorageFs } from "@openap/adapters"
import { AuditLog, OrganisationRepository } from "@openap/core"
import { Effect, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { multipart, type Part, pdf } from "./support/Multipart.js"
import { type Client, demo, mainText, makeTestApp, signedIn, type TestApp } from "./support/TestApp.js"

/**
 * Secure file transfer through the HTTP server (app.inject): the happy path, and every refusal the
 * issue names (forbidden routes, foreign downloads, role mismatches), each shown to leave nothing
 * stored and nothing disclosed.
 */
let t: TestApp
let root: string
const orgIds = new Map<string, string>()

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "openap-datalocker-"))
  t = await makeTestApp({
    storage: FileStorageFs.layer({ root, masterKey: Redacted.make<Uint8Array>(randomBytes(32)) })
  })
  const orgs = await t.runtime.runPromise(
    Effect.flatMap(OrganisationRepository.OrganisationRepository, (r) => r.list())
  )
  for (const o of orgs) orgIds.set(o.name, o.id)
})
afterAll(async () => {
  await t?.close()
})

const org = (name: string) => orgIds.get(name)!
const cap = () => org("Council Alternative Provision team (demo)")
const schoolA = () => org("Alder Park School")
const providerA = () => org("Anvil Training Centre")
const providerB = () => org("Beacon Skills Hub")
const schoolB = () => org("Birchwood Academy")

/** Every file the store holds, published or partial. */
const filesOnDisk = async () =>
  (await readdir(root, { recursive: true, withFileTypes: true })).filter(
    (e) => e.isFile() && e.name !== "master.key"
  ).length
const auditCount = () =>
  t.runtime.runPromise(
    Effect.flatMap(AuditLog.AuditLog, (log) =>
      Effect.map(
        log.list({ subjectType: "transfer-file" }, { offset: 0, limit: 1000 }),
        (p) => p.items.length
      )
    )
  )

interface Row {
  readonly recipient?: string
  readonly role?: string
  readonly documentType?: string
  readonly description?: string
  readonly filename?: string
  readonly content?: Uint8Array
}

const upload = async (
  client: Client,
  rows: ReadonlyArray<Row>,
  extra: ReadonlyArray<Part> = [],
  csrf = true
) => {
  const parts: Array<Part> = csrf ? [{ name: "_csrf", value: await client.csrfToken() }] : []
  rows.forEach((row, i) => {
    if (row.recipient !== undefined) parts.push({ name: `files[${i}][recipient]`, value: row.recipient })
    if (row.role !== undefined) parts.push({ name: `files[${i}][role]`, value: row.role })
    parts.push({ name: `files[${i}][documentType]`, value: row.documentType ?? "risk_assessment" })
    parts.push({ name: `files[${i}][description]`, value: row.description ?? "" })
    parts.push({
      name: `files[${i}][file]`,
      filename: row.filename ?? `file-${i}.pdf`,
      content: row.content ?? pdf(`file ${i}`)
    })
  })
  parts.push(...extra)
  const { payload, contentType } = multipart(parts)
  return client.app.inject({
    method: "POST",
    url: "/file-transfer/send",
    headers: {
      "content-type": contentType,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
    },
    payload
  })
}

/** Uploads, reviews and confirms: the whole send journey; returns the draft's review page text. */
const sendAll = async (client: Client, rows: ReadonlyArray<Row>, extra: ReadonlyArray<Part> = []) => {
  const uploaded = await upload(client, rows, extra)
  expect(uploaded.statusCode, uploaded.body).toBe(303)
  const review = await client.get(uploaded.headers.location as string)
  expect(review.statusCode).toBe(200)
  const confirmUrl = /action="([^"]+\/confirm)"/.exec(review.body)?.[1]
  const confirmed = await client.post(confirmUrl!)
  expect(confirmed.statusCode).toBe(303)
  return mainText(review.body)
}

const inboxLinks = async (client: Client) => {
  const page = await client.get("/file-transfer")
  expect(page.statusCode).toBe(200)
  return [...page.body.matchAll(/href="(\/file-transfer\/files\/[^"/]+)\/download"/g)].map((m) => m[1]!)
}

/** Asserts that a request changed nothing: no file on disk, no audit entry. */
const nothingStoredBy = async <A>(request: () => Promise<A>) => {
  const [files, audits] = [await filesOnDisk(), await auditCount()]
  const outcome = await request()
  expect(await filesOnDisk()).toBe(files)
  expect(await auditCount()).toBe(audits)
  return outcome
}

describe("secure file transfer over HTTP", () => {
  it("a school sends two files to CAP with 'copy to all'; CAP downloads them intact, one by one and as a zip", async () => {
    const school = await signedIn(t.app, demo["school.dsl"])
    const form = await school.get("/file-transfer/send")
    expect(form.statusCode).toBe(200)
    // Only permitted routes are offered: a school sees CAP and nothing else.
    expect([...form.body.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1])).toContain(cap())
    expect(form.body).not.toContain(providerA())
    const first = pdf("EHCP of a learner")
    const second = new TextEncoder().encode("learner,attendance\nA,95%\n")
    const review = await sendAll(
      school,
      [
        {
          recipient: cap(),
          documentType: "ehcp",
          description: "Annual review",
          filename: "ehcp.pdf",
          content: first
        },
        { documentType: "tracking", filename: "tracking.csv", content: second }
      ],
      [
        { name: "copyOrganisation", value: "yes" },
        { name: "copyDescription", value: "yes" }
      ]
    )
    expect(review).toContain("ehcp.pdf")
    expect(review).toContain("tracking.csv")
    expect(review.match(/Annual review/g)?.length).toBe(2)

    const capAdmin = await signedIn(t.app, demo["cap.admin"])
    const inbox = await capAdmin.get("/file-transfer")
    expect(mainText(inbox.body)).toContain("ehcp.pdf")
    const links = await inboxLinks(capAdmin)
    const bodies = await Promise.all(links.map((l) => capAdmin.get(`${l}/download`)))
    const byName = Object.fromEntries(
      bodies.map((b) => [
        /filename="([^"]+)"/.exec(String(b.headers["content-disposition"]))?.[1],
        b.rawPayload
      ])
    )
    expect(Buffer.compare(byName["ehcp.pdf"]!, Buffer.from(first))).toBe(0)
    expect(Buffer.compare(byName["tracking.csv"]!, Buffer.from(second))).toBe(0)
    const zip = await capAdmin.get("/file-transfer/download-all")
    expect(zip.statusCode).toBe(200)
    expect(zip.headers["content-type"]).toBe("application/zip")
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe("PK")
    expect(zip.rawPayload.includes(Buffer.from(first))).toBe(true)
    expect(zip.rawPayload.includes(Buffer.from(second))).toBe(true)

    const sent = mainText((await school.get("/file-transfer/sent")).body)
    expect(sent).toContain("Downloaded by")
  })

  it("CAP sends a risk assessment to provider A's DSL: the DSL sees it, the coordinator does not", async () => {
    const capAdmin = await signedIn(t.app, demo["cap.admin"])
    await sendAll(capAdmin, [{ recipient: providerA(), role: "dsl", filename: "risk-for-dsl.pdf" }])
    const dsl = await signedIn(t.app, demo["provider.dsl"])
    const coordinator = await signedIn(t.app, demo["provider.coordinator"])
    expect(mainText((await dsl.get("/file-transfer")).body)).toContain("risk-for-dsl.pdf")
    expect(mainText((await coordinator.get("/file-transfer")).body)).not.toContain("risk-for-dsl.pdf")
    const [link] = await inboxLinks(dsl)
    // The coordinator asking for the DSL's file by its id: not found, nothing recorded.
    await nothingStoredBy(async () => {
      expect((await coordinator.get(`${link}/download`)).statusCode).toBe(404)
      expect((await coordinator.get(link!)).statusCode).toBe(404)
    })
  })

  it("refuses hand-made requests for every forbidden route, storing nothing", async () => {
    const cases: ReadonlyArray<[string, () => string, string | undefined]> = [
      ["school.dsl", providerA, undefined],
      ["school.dsl", schoolB, undefined],
      ["school.coordinator", schoolA, undefined],
      ["provider.dsl", schoolA, undefined],
      ["provider.coordinator", providerB, undefined],
      ["other.provider", providerA, "dsl"],
      ["other.school", schoolA, "dsl"]
    ]
    for (const [who, to, role] of cases) {
      const client = await signedIn(t.app, demo[who as keyof typeof demo])
      const response = await nothingStoredBy(() =>
        upload(client, [{ recipient: to(), ...(role === undefined ? {} : { role }) }])
      )
      expect({ who, status: response.statusCode }).toEqual({ who, status: 403 })
    }
  })

  it("a foreign download (school B asking for school A's file id) is not found and records nothing", async () => {
    const capAdmin = await signedIn(t.app, demo["cap.admin"])
    await sendAll(capAdmin, [{ recipient: schoolA(), role: "dsl", filename: "for-school-a.pdf" }])
    const schoolADsl = await signedIn(t.app, demo["school.dsl"])
    const link = (await inboxLinks(schoolADsl))[0]!
    const other = await signedIn(t.app, demo["other.school"])
    const schoolACoordinator = await signedIn(t.app, demo["school.coordinator"])
    await nothingStoredBy(async () => {
      for (const client of [other, schoolACoordinator, capAdmin]) {
        expect((await client.get(`${link}/download`)).statusCode).toBe(404)
        expect((await client.get(link)).statusCode).toBe(404)
      }
      expect((await other.get("/file-transfer/files/not-an-id/download")).statusCode).toBe(404)
    })
    expect(mainText((await other.get("/file-transfer")).body)).not.toContain("for-school-a.pdf")
  })

  it("a role that may not use file transfer is refused everywhere", async () => {
    const tutor = await signedIn(t.app, demo["provider.tutor"])
    for (const url of ["/file-transfer", "/file-transfer/send", "/file-transfer/sent"])
      expect((await tutor.get(url)).statusCode).toBe(403)
    const response = await nothingStoredBy(() => upload(tutor, [{ recipient: cap() }]))
    expect(response.statusCode).toBe(403)
  })

  it("wrong types, empty files and names with path tricks get a clear error and nothing stored", async () => {
    const school = await signedIn(t.app, demo["school.dsl"])
    const attempts: ReadonlyArray<[Row, string]> = [
      [
        { filename: "invoice.pdf", content: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
        "is not a PDF"
      ],
      [{ filename: "empty.pdf", content: new Uint8Array(0) }, "is empty"],
      [{ filename: "../../etc/passwd.pdf" }, "looks like a folder path"],
      [{ filename: "bad\u0007name.pdf" }, "characters that are not allowed"]
    ]
    for (const [row, message] of attempts) {
      const response = await nothingStoredBy(() => upload(school, [{ recipient: cap(), ...row }]))
      expect(response.statusCode).toBe(400)
      expect(mainText(response.body)).toContain(message)
    }
    // A field left out is asked for, with the other files thrown away.
    const missing = await nothingStoredBy(() => upload(school, [{ recipient: cap(), documentType: "" }]))
    expect(missing.statusCode).toBe(400)
    expect(mainText(missing.body)).toContain("Select the type of document")
  })

  it("a multipart upload without the CSRF token is refused before any file is read", async () => {
    const school = await signedIn(t.app, demo["school.dsl"])
    const response = await nothingStoredBy(() => upload(school, [{ recipient: cap() }], [], false))
    expect(response.statusCode).toBe(403)
  })
})
