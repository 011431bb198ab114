import { Duration } from "effect"

/** The limits an operator configures (apps read them with Config and pass them in). */
export interface TransferSettings {
  readonly maxFileBytes: number
  readonly maxFilesPerBatch: number
  /** How long a sent file is kept before it is deleted with its key. */
  readonly retention: Duration.Duration
  /** How long before deletion the inbox starts warning the recipient. */
  readonly expiryWarning: Duration.Duration
  /** A partial upload nobody has written to for this long was abandoned (a crash, a dropped link). */
  readonly abandonedUploadAfter: Duration.Duration
}

export const defaults: TransferSettings = {
  maxFileBytes: 50 * 1024 * 1024,
  maxFilesPerBatch: 20,
  retention: Duration.days(90),
  expiryWarning: Duration.days(14),
  abandonedUploadAfter: Duration.hours(1)
}

/** Longest description kept with a file. */
export const descriptionMaxLength = 500
