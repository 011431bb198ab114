import { ServicePage, trimmed } from "./Page.js"

export class AccountPage extends ServicePage {
  /** The summary list, as key to value. */
  async details(): Promise<Readonly<Record<string, string>>> {
    const rows = this.page.locator(".govuk-summary-list__row")
    const entries: Array<[string, string]> = []
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      entries.push([
        trimmed(await row.locator(".govuk-summary-list__key").textContent()),
        trimmed(await row.locator(".govuk-summary-list__value").textContent())
      ])
    }
    return Object.fromEntries(entries)
  }

  /** Goes back to the home page by the header's service name link. */
  async goHome() {
    const { HomePage } = await import("./HomePage.js")
    await this.clickAndArrive(this.page.locator(".govuk-service-navigation__service-name a"))
    return new HomePage(this.journey)
  }
}
