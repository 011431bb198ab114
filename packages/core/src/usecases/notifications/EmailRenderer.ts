import { Context, Data, type Effect } from "effect"

/** A template could not be rendered with the stored data (unknown template, data of another shape). */
export class RenderFailed extends Data.TaggedError("RenderFailed")<{
  readonly template: string
  readonly reason: string
}> {}

/**
 * Turns an outbox message's template and data into the email's bodies. A port because templates
 * are files the worker reads; core only decides what to say to whom.
 */
export class EmailRenderer extends Context.Tag("openap/EmailRenderer")<
  EmailRenderer,
  {
    readonly render: (
      template: string,
      data: Readonly<Record<string, unknown>>
    ) => Effect.Effect<{ readonly text: string; readonly html: string }, RenderFailed>
  }
>() {}
