import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Journey, startTestServer, type TestServer, Visits } from "./Harness.js"
import { type CheckFilesPage, ReceivedFilesPage, SendFilesPage } from "./pages/DatalockerPages.js"
import { SignInPage } from "./pages/SignInPage.js"

/**
 * Secure file transfer in a real browser, JavaScript on and off, every page checked with axe-core:
 * a school sends two files to CAP with "copy to all", CAP downloads them byte for byte, CAP sends a
 * risk assessment to a provider's DSL, and only the DSL there can see it.
 */
let server: TestServer
let visits: Visits
const password = "openap-demo"

beforeAll(async () => {
  ;[server, visits] = await Promise.all([startTestServer(), Visits.open()])
})
afterAll(async () => {
  await visits?.close()
  await server?.stop()
})

const journey = (js: boolean, steps: (journey: Journey) => Promise<void>) => visits.run(server.url, js, steps)

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`)

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false]
])("with %s", (mode, js) => {
  const tag = js ? "js" : "nojs"
  const ehcp = { name: `ehcp-${tag}.pdf`, bytes: pdf(`EHCP ${mode}`) }
  const tracking = { name: `tracking-${tag}.csv`, bytes: Buffer.from(`learner,rate\nA,${tag}\n`) }
  const risk = { name: `risk-${tag}.pdf`, bytes: pdf(`risk ${mode}`) }

  it("a school sends two files to CAP using 'copy to all', and CAP downloads them intact", async () => {
    await journey(js, async (school) => {
      await (await SignInPage.open(school)).signIn("school.dsl@demo.openap.test", password)
      const send = await SendFilesPage.open(school)
      if (js) {
        // Files are added and removed without reloading.
        expect(await send.rowCount()).toBe(1)
        await send.addFile()
        await send.addFile()
        expect(await send.rowCount()).toBe(3)
        await send.removeFile(3)
        expect(await send.rowCount()).toBe(2)
      }
      await send.fill(0, {
        ...ehcp,
        documentType: "Education, Health and Care Plan (EHCP)",
        description: "Annual review"
      })
      await send.fill(1, { ...tracking, documentType: "Tracking" })
      await send.copyToAll("description")
      let check: CheckFilesPage
      if (js) {
        // Hold the answer back a moment, so the upload's progress bars can be seen.
        await school.page.route("**/file-transfer/send", async (route) => {
          await new Promise((r) => setTimeout(r, 300))
          await route.continue()
        })
        const upload = await send.startUpload()
        expect(await send.visibleProgressBars()).toBe(2)
        check = await upload.arrived()
      } else {
        check = await send.uploadAndCheck()
      }
      expect(await check.heading()).toBe("Check the files before sending")
      expect(await check.fileNames()).toEqual([ehcp.name, tracking.name])
      expect(await check.details(tracking.name)).toContain("Description: Annual review")
      const sent = await check.confirm()
      expect(await sent.banner()).toBe("Your 2 files have been sent.")
      expect(await sent.fileNames()).toEqual(expect.arrayContaining([ehcp.name, tracking.name]))
    })

    await journey(js, async (cap) => {
      await (await SignInPage.open(cap)).signIn("cap.admin@demo.openap.test", password)
      const inbox = await ReceivedFilesPage.open(cap)
      expect(await inbox.fileNames()).toEqual(expect.arrayContaining([ehcp.name, tracking.name]))
      expect((await inbox.download(ehcp.name)).equals(ehcp.bytes)).toBe(true)
      expect((await inbox.download(tracking.name)).equals(tracking.bytes)).toBe(true)
    })
  })

  it("CAP sends a risk assessment to provider A's DSL: the DSL sees it, the provider's coordinator does not", async () => {
    await journey(js, async (cap) => {
      await (await SignInPage.open(cap)).signIn("cap.admin@demo.openap.test", password)
      const send = await (await ReceivedFilesPage.open(cap)).sendFiles()
      await send.fill(0, {
        ...risk,
        to: "Anvil Training Centre",
        role: "Designated Safeguarding Lead",
        documentType: "Risk assessment"
      })
      const check = await send.uploadAndCheck()
      expect(await check.details(risk.name)).toEqual(
        expect.arrayContaining(["To: Anvil Training Centre", "For: Designated Safeguarding Lead"])
      )
      await check.confirm()
    })
    await journey(js, async (coordinator) => {
      await (await SignInPage.open(coordinator)).signIn("provider.coordinator@demo.openap.test", password)
      expect(await (await ReceivedFilesPage.open(coordinator)).fileNames()).not.toContain(risk.name)
    })
    await journey(js, async (dsl) => {
      await (await SignInPage.open(dsl)).signIn("provider.dsl@demo.openap.test", password)
      const inbox = await ReceivedFilesPage.open(dsl)
      expect(await inbox.fileNames()).toContain(risk.name)
      expect((await inbox.download(risk.name)).equals(risk.bytes)).toBe(true)
    })
  })
})
