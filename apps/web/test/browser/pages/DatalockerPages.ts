import { readFile } from "node:fs/promises"
import type { Journey } from "../Harness.js"
import { ServicePage, trimmed } from "./Page.js"

/** Secure file transfer's pages: received files, send files, check before sending, sent files. */
export class ReceivedFilesPage extends ServicePage {
  static async open(journey: Journey) {
    await journey.page.goto("/file-transfer")
    await journey.arrived()
    return new ReceivedFilesPage(journey)
  }

  fileNames(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator("tr[data-file]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-file") ?? ""))
  }

  /** Downloads one file with its link and returns its bytes. */
  async download(filename: string): Promise<Buffer> {
    const link = this.page
      .locator(`tr[data-file="${filename}"]`)
      .getByRole("link", { name: `Download ${filename}` })
    const [download] = await Promise.all([this.page.waitForEvent("download"), link.click()])
    const path = await download.path()
    return readFile(path)
  }

  async sendFiles() {
    await this.clickAndArrive(
      this.page.locator(".app-transfer-tabs").getByRole("link", { name: "Send files" })
    )
    return new SendFilesPage(this.journey)
  }
}

export class SendFilesPage extends ServicePage {
  static async open(journey: Journey) {
    await journey.page.goto("/file-transfer/send")
    await journey.arrived()
    return new SendFilesPage(journey)
  }

  private row(index: number) {
    return this.page.locator("[data-file-row]").nth(index)
  }

  rowCount(): Promise<number> {
    return this.page.locator("[data-file-row]").count()
  }

  /** With JavaScript: adds a file box without reloading. */
  async addFile() {
    await this.button("Add another file").click()
    return this
  }

  async removeFile(number: number) {
    await this.button(`Remove file ${number}`).click()
    return this
  }

  async fill(
    index: number,
    file: {
      readonly name: string
      readonly bytes: Buffer
      readonly to?: string
      readonly role?: string
      readonly documentType?: string
      readonly description?: string
    }
  ) {
    const row = this.row(index)
    if (file.to !== undefined) await row.getByLabel("Send to").selectOption({ label: file.to })
    if (file.role !== undefined)
      await row.getByLabel("For", { exact: true }).selectOption({ label: file.role })
    if (file.documentType !== undefined)
      await row.getByLabel("Type of document").selectOption({ label: file.documentType })
    if (file.description !== undefined) await row.getByLabel("Description (optional)").fill(file.description)
    await row
      .getByLabel("Choose the file")
      .setInputFiles({ name: file.name, mimeType: "application/octet-stream", buffer: file.bytes })
    return this
  }

  async copyToAll(what: "organisation" | "role" | "description") {
    await this.page.getByLabel(`Copy the first file's ${what} to all files`).check()
    return this
  }

  /** Progress bars shown for the files being uploaded (JavaScript only). */
  visibleProgressBars(): Promise<number> {
    return this.page.locator("[data-progress]:visible progress").count()
  }

  async uploadAndCheck() {
    await this.clickAndArrive(this.button("Upload and check"))
    return new CheckFilesPage(this.journey)
  }

  /** Submits and leaves the browser waiting for the answer: for watching the upload itself. */
  async startUpload() {
    const arrived = this.page.waitForNavigation({ waitUntil: "load" })
    await this.button("Upload and check").click()
    return {
      arrived: async () => {
        await arrived
        await this.journey.arrived()
        return new CheckFilesPage(this.journey)
      }
    }
  }
}

export class CheckFilesPage extends ServicePage {
  fileNames(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".govuk-summary-card__title")
      .allTextContents()
      .then((t) => t.map(trimmed))
  }

  /** Each file's summary, as "key: value" lines. */
  details(filename: string): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".govuk-summary-card", { hasText: filename })
      .locator(".govuk-summary-list__row")
      .evaluateAll((rows) =>
        rows.map(
          (r) =>
            `${r.querySelector("dt")?.textContent?.trim()}: ${r.querySelector("dd")?.textContent?.trim()}`
        )
      )
  }

  async confirm() {
    await this.clickAndArrive(this.button("Confirm and send"))
    return new SentFilesPage(this.journey)
  }
}

export class SentFilesPage extends ServicePage {
  fileNames(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".govuk-summary-card[data-file]")
      .evaluateAll((cards) => cards.map((c) => c.getAttribute("data-file") ?? ""))
  }
}
