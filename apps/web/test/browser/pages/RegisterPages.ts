import type { Locator } from "playwright-core"
import type { Journey } from "../Harness.js"
import { ServicePage, trimmed } from "./Page.js"

/**
 * The registers journey's pages: the day's registers, one register, its marking form, today's
 * attendance and the unprocessed absences. With JavaScript on, the form's contribution steps and
 * its Save answer in place (htmx); without it, each is a form post and a new page.
 */

/** Follows a link in the service navigation from any page, and waits for the page it opens. */
export const fromNavigation = async <P extends ServicePage>(
  from: ServicePage,
  text: string,
  to: new (journey: Journey) => P
): Promise<P> => {
  const link = from.page.locator(".govuk-service-navigation").getByRole("link", { name: text, exact: true })
  await Promise.all([from.page.waitForNavigation({ waitUntil: "load" }), link.click()])
  await from.journey.arrived()
  return new to(from.journey)
}

export class RegistersPage extends ServicePage {
  /** Shows another day's registers: by htmx with JavaScript on, by the form's button without. */
  async showDate(isoDate: string) {
    await this.page.getByLabel("Date").fill(isoDate)
    if (this.journey.js) {
      await Promise.all([
        this.page.waitForURL(`**/registers?date=${isoDate}*`),
        this.button("Show registers").click()
      ])
      await this.page.locator("h2", { hasText: /\d{4}/ }).waitFor()
      await this.journey.arrived()
    } else {
      await this.clickAndArrive(this.button("Show registers"))
    }
    return this
  }

  /** Each register: course and status. */
  rows(): Promise<ReadonlyArray<{ readonly course: string; readonly status: string }>> {
    return this.page.locator("#register-list tbody tr").evaluateAll((rows) =>
      rows.map((r) => ({
        course: r.querySelector("a")?.textContent?.trim() ?? "",
        status: r.querySelector(".govuk-tag")?.textContent?.trim() ?? ""
      }))
    )
  }

  /** Opens the latest register of the day of `course` whose status is `status`. */
  async open(course: string, status?: string) {
    const row = this.page
      .locator("#register-list tbody tr", { hasText: course })
      .filter(status === undefined ? {} : { hasText: status })
      .last()
    await this.clickAndArrive(row.getByRole("link"))
    return new RegisterPage(this.journey)
  }
}

export class RegisterPage extends ServicePage {
  /** Each learner's line: name, mark, contribution, note. */
  lines(): Promise<ReadonlyArray<{ name: string; mark: string; contribution: string; note: string }>> {
    return this.page
      .locator("#register table")
      .first()
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => {
          const cells = [...r.querySelectorAll("td")].map((c) => c.textContent?.trim() ?? "")
          return {
            name: cells[0] ?? "",
            mark: cells[1] ?? "",
            contribution: cells[2] ?? "",
            note: cells[3] ?? ""
          }
        })
      )
  }

  markOf(name: string) {
    return this.lines().then((lines) => lines.find((l) => l.name === name))
  }

  /** The changes table: learner, was, changed to, by. */
  history(): Promise<ReadonlyArray<{ learner: string; from: string; to: string; by: string }>> {
    return this.page.locator("#history tbody tr").evaluateAll((rows) =>
      rows.map((r) => {
        const c = [...r.querySelectorAll("td")].map((x) => x.textContent?.trim() ?? "")
        return { learner: c[1] ?? "", from: c[2] ?? "", to: c[3] ?? "", by: c[6] ?? "" }
      })
    )
  }

  /** The button that opens the form: "Mark register", "Process absences", "Correct marks"; none when closed. */
  async editButton(): Promise<string | undefined> {
    const button = this.page.locator("#register a.govuk-button")
    return (await button.count()) === 0 ? undefined : button.textContent().then(trimmed)
  }

  async edit() {
    await this.clickAndArrive(this.page.locator("#register a.govuk-button"))
    return new EditRegisterPage(this.journey)
  }
}

export class EditRegisterPage extends ServicePage {
  private line(name: string): Locator {
    return this.page.locator(".app-register-line", { has: this.page.locator("h2", { hasText: name }) })
  }

  /** The learners on the form, in order. */
  names(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".app-register-line h2")
      .allTextContents()
      .then((t) => t.map(trimmed))
  }

  async mark(name: string, code: string) {
    await this.line(name).getByLabel(code, { exact: true }).check()
    return this
  }

  /** The marks offered for a learner: none when the mark cannot be changed. */
  options(name: string): Promise<ReadonlyArray<string>> {
    return this.line(name)
      .locator(".govuk-radios__label")
      .allTextContents()
      .then((t) => t.map(trimmed))
  }

  lineText(name: string): Promise<string> {
    return this.line(name).textContent().then(trimmed)
  }

  async note(name: string, text: string) {
    await this.line(name)
      .getByLabel(/Attendance note/)
      .fill(text)
    return this
  }

  contribution(name: string): Promise<string> {
    return this.line(name).locator(".app-contribution__value").textContent().then(trimmed)
  }

  stepButton(name: string, direction: "Up" | "Down"): Locator {
    return this.line(name).getByRole("button", { name: new RegExp(`^${direction}`) })
  }

  /**
   * One step of a learner's contribution. With JavaScript on only that learner's line is replaced
   * (the rest of the form, and what was typed in it, stays); without it the form comes back.
   */
  async step(name: string, direction: "Up" | "Down") {
    const before = await this.contribution(name)
    if (this.journey.js) {
      await this.stepButton(name, direction).click()
      await this.line(name).locator(".app-contribution__value").filter({ hasNotText: before }).waitFor()
      await this.journey.arrived()
    } else {
      await this.clickAndArrive(this.stepButton(name, direction))
    }
    return this
  }

  /** Saves: lands on the register (in place with JavaScript on). */
  async save() {
    if (this.journey.js) {
      await Promise.all([
        this.page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/edit")),
        this.button("Save register").click()
      ])
      await this.page.locator("#register, .govuk-error-summary").first().waitFor()
      await this.journey.arrived()
    } else {
      await this.clickAndArrive(this.button("Save register"))
    }
    return this.page
      .locator(".govuk-error-summary")
      .count()
      .then((n) => (n > 0 ? this : new RegisterPage(this.journey)))
  }
}

export class AttendancePage extends ServicePage {
  /** Shows another day: by htmx with JavaScript on, by the form's button without. */
  async showDate(isoDate: string) {
    await this.page.getByLabel("Date").fill(isoDate)
    if (this.journey.js) {
      await Promise.all([
        this.page.waitForURL(`**/attendance?date=${isoDate}*`),
        this.button("Show attendance").click()
      ])
      await this.page.locator("main h2").first().waitFor()
      await this.journey.arrived()
    } else {
      await this.clickAndArrive(this.button("Show attendance"))
    }
    return this
  }

  /** Each register with the school's learners on it: its caption and the learners' names. */
  registers(): Promise<ReadonlyArray<{ caption: string; learners: ReadonlyArray<string> }>> {
    return this.page.locator("main table[id^=register-]").evaluateAll((tables) =>
      tables.map((t) => ({
        caption: t.querySelector("caption")?.textContent?.replace(/\s+/g, " ").trim() ?? "",
        learners: [...t.querySelectorAll("tbody tr td:first-child")].map((c) => c.textContent?.trim() ?? "")
      }))
    )
  }
}

export class AbsencesPage extends ServicePage {
  names(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator("main tbody tr td:first-child")
      .allTextContents()
      .then((t) => t.map(trimmed))
  }

  /** Opens the register of the learner's most recent unprocessed absence (the list is oldest first). */
  async openRegisterOf(name: string) {
    const link = this.page
      .locator("main tbody tr", { hasText: name })
      .last()
      .getByRole("link", { name: /Open register/ })
    await this.clickAndArrive(link)
    return new RegisterPage(this.journey)
  }
}
