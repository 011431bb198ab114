import { AccountPage } from "./AccountPage.js"
import { ServicePage, trimmed } from "./Page.js"
import { UsersPage } from "./UsersPage.js"

export class HomePage extends ServicePage {
  /** The paragraphs that say who you are here and what you can see. */
  summary(): Promise<string> {
    return this.page.locator("main").textContent().then(trimmed)
  }

  async openAccount() {
    await this.clickAndArrive(this.page.getByRole("link", { name: "See your account details and roles" }))
    return new AccountPage(this.journey)
  }

  async openUsers() {
    await this.clickAndArrive(
      this.page.locator(".govuk-service-navigation").getByRole("link", { name: "Users" })
    )
    return new UsersPage(this.journey)
  }
}
