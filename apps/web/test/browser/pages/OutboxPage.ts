import { ServicePage, trimmed } from "./Page.js"

/** One message as its card on the Outbox page shows it. */
export interface OutboxMessage {
  readonly id: string
  readonly subject: string
  readonly status: string
  /** The summary list's rows: Type, To, Created, Sent, Attempts, the reason it was not sent. */
  readonly rows: Readonly<Record<string, string>>
  /** The email's text, as it is (or would be) sent. */
  readonly text: string
  readonly canSendAgain: boolean
}

/** The CAP admin's Outbox: every message, the dead-letter filter, and Send again. */
export class OutboxPage extends ServicePage {
  messages(): Promise<ReadonlyArray<OutboxMessage>> {
    return this.page.locator("main .govuk-summary-card").evaluateAll((cards) =>
      cards.map((card) => {
        const text = (e: { readonly textContent: string | null } | null | undefined) =>
          e?.textContent?.replace(/\s+/g, " ").trim() ?? ""
        const rows: Record<string, string> = {}
        for (const row of card.querySelectorAll(".govuk-summary-list__row"))
          rows[text(row.querySelector("dt"))] = text(row.querySelector("dd"))
        return {
          id: card.id.replace(/^message-/, ""),
          subject: text(card.querySelector(".govuk-summary-card__title")),
          status: text(card.querySelector(".govuk-tag")),
          rows,
          text: text(card.querySelector(".govuk-details__text")),
          canSendAgain: card.querySelector("form button") !== null
        }
      })
    )
  }

  /** What the "Show" filter is set to, as its label reads. */
  showing(): Promise<string> {
    return this.page.getByLabel("Show", { exact: true }).locator("option:checked").textContent().then(trimmed)
  }

  /** Shows one kind of message only ("Not sent (dead letters)", "Sent", ...): a GET form. */
  async show(label: string) {
    await this.page.getByLabel("Show", { exact: true }).selectOption({ label })
    await this.clickAndArrive(this.button("Show messages"))
    return this
  }

  async sendAgain(id: string) {
    await this.clickAndArrive(
      this.page.locator(`#message-${id}`).getByRole("button", { name: /^Send again/ })
    )
    return this
  }

  /**
   * Reloads the page until a message matches, for at most `seconds`: the worker delivers on its own
   * schedule. The page it settles on is checked like any other.
   */
  async waitForMessage(matches: (m: OutboxMessage) => boolean, seconds: number): Promise<OutboxMessage> {
    const until = Date.now() + seconds * 1000
    for (;;) {
      const found = (await this.messages()).find(matches)
      if (found !== undefined) {
        await this.journey.arrived()
        return found
      }
      if (Date.now() > until)
        throw new Error(
          `no such message on the Outbox page after ${seconds} s: ${JSON.stringify(await this.messages())}`
        )
      await this.page.waitForTimeout(1000)
      await this.page.reload({ waitUntil: "load" })
    }
  }
}
