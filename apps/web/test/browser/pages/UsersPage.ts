import { ServicePage, trimmed } from "./Page.js"

/** CAP admin's list of users, grouped by organisation. */
export class UsersPage extends ServicePage {
  /** Narrows the list to one organisation: by htmx with JavaScript on, by the form's button without. */
  async showOrganisation(name: string) {
    const select = this.page.getByLabel("Organisation")
    const value = await select.locator("option", { hasText: name }).getAttribute("value")
    if (value === null) throw new Error(`no organisation called ${name}`)
    if (this.journey.js) {
      await Promise.all([this.page.waitForURL(`**/users?organisation=${value}`), select.selectOption(value)])
      await this.page.locator("#user-groups caption", { hasText: name }).waitFor()
      await this.journey.arrived()
    } else {
      await select.selectOption(value)
      await this.clickAndArrive(this.button("Show users"))
    }
    return this
  }

  /** The organisations whose tables are shown. */
  organisationsShown(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator("#user-groups caption")
      .evaluateAll((captions) => captions.map((c) => c.childNodes[0]?.textContent?.trim() ?? ""))
  }

  async openUser(email: string) {
    const row = this.page.locator("tr", { hasText: email })
    await this.clickAndArrive(row.getByRole("link"))
    return new UserPage(this.journey)
  }
}

export class UserPage extends ServicePage {
  async disable() {
    await this.clickAndArrive(this.page.getByRole("button", { name: "Disable user" }))
    return new DisableUserPage(this.journey)
  }

  status(): Promise<string> {
    return this.page.locator("main h1 .govuk-tag").textContent().then(trimmed)
  }
}

export class DisableUserPage extends ServicePage {
  async confirm() {
    await this.clickAndArrive(this.button("Disable user"))
    return new UserPage(this.journey)
  }
}
