import type { Locator } from "playwright-core"
import type { Journey } from "../Harness.js"

/** An element's text without the white space around it. */
export const trimmed = (text: string | null) => (text ?? "").trim()

/**
 * What every page of the service has: the GOV.UK layout's heading, navigation, banners and the
 * sign-out button. A feature's page object extends this and adds what its page offers; its methods
 * return the page object the browser arrives at, having called `journey.arrived()` there.
 */
export abstract class ServicePage {
  constructor(readonly journey: Journey) {}

  get page() {
    return this.journey.page
  }

  heading(): Promise<string> {
    return this.page.locator("main h1").textContent().then(trimmed)
  }

  /** The service navigation's links, in order. */
  navigation(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".govuk-service-navigation__list a")
      .allTextContents()
      .then((texts) => texts.map(trimmed))
  }

  /** The success banner's message, if one is shown. */
  async banner(): Promise<string | undefined> {
    const banner = this.page.locator(".govuk-notification-banner__heading")
    return (await banner.count()) === 0 ? undefined : banner.textContent().then(trimmed)
  }

  /** The GOV.UK error summary's messages. */
  errorSummary(): Promise<ReadonlyArray<string>> {
    return this.page
      .locator(".govuk-error-summary__list a")
      .allTextContents()
      .then((texts) => texts.map(trimmed))
  }

  protected button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true })
  }

  /** Clicks something that loads a new page (a link, or a form's button) and waits for that page. */
  protected async clickAndArrive(target: Locator) {
    // waitForNavigation, unlike waitForURL, waits for the next page even when its URL is the same.
    await Promise.all([this.page.waitForNavigation({ waitUntil: "load" }), target.click()])
    await this.journey.arrived()
  }

  /** Signs out with the button in the layout and lands on the sign-in page. */
  async signOut() {
    const { SignInPage } = await import("./SignInPage.js")
    await this.clickAndArrive(this.button("Sign out"))
    return new SignInPage(this.journey)
  }
}
