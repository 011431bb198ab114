import type { Journey } from "../Harness.js"
import { HomePage } from "./HomePage.js"
import { ServicePage } from "./Page.js"

export class SignInPage extends ServicePage {
  static async open(journey: Journey) {
    await journey.page.goto("/sign-in")
    await journey.arrived()
    return new SignInPage(journey)
  }

  private async submit(email: string, password: string) {
    await this.page.getByLabel("Email address").fill(email)
    await this.page.getByLabel("Password", { exact: true }).fill(password)
    await this.clickAndArrive(this.button("Sign in"))
  }

  async signIn(email: string, password: string) {
    await this.submit(email, password)
    if (this.journey.path() !== "/") {
      throw new Error(
        `signing in as ${email} stayed on ${this.journey.path()}: ${(await this.errorSummary()).join("; ")}`
      )
    }
    return new HomePage(this.journey)
  }

  /** Submits the form expecting to be refused: the browser stays on the sign-in page. */
  async signInRefused(email: string, password: string) {
    await this.submit(email, password)
    return this
  }

  emailTyped(): Promise<string> {
    return this.page.getByLabel("Email address").inputValue()
  }

  passwordTyped(): Promise<string> {
    return this.page.getByLabel("Password", { exact: true }).inputValue()
  }
}
