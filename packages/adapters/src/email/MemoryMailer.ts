import { Mailer as MailerPort } from "@openap/core"
import { Effect, Layer, Ref } from "effect"

/** Keeps every message in memory, for use-case tests. */
export class MemoryMailbox extends Effect.Service<MemoryMailbox>()("openap/MemoryMailbox", {
  effect: Effect.map(Ref.make<ReadonlyArray<MailerPort.EmailMessage>>([]), (ref) => ({
    sent: Ref.get(ref),
    record: (message: MailerPort.EmailMessage) => Ref.update(ref, (all) => [...all, message])
  }))
}) {}

export const layer: Layer.Layer<MailerPort.Mailer | MemoryMailbox> = Layer.effect(
  MailerPort.Mailer,
  Effect.map(MemoryMailbox, (box) => MailerPort.Mailer.of({ send: box.record }))
).pipe(Layer.provideMerge(MemoryMailbox.Default))
