import { Transfers } from "@openap/core"
import { Config, Duration } from "effect"

/**
 * Secure file transfer's limits and retention, read the same way by the web app (uploads, the
 * inbox's expiry warning) and the worker (the retention job): TRANSFER_MAX_FILE_MB (50),
 * TRANSFER_MAX_FILES (20), TRANSFER_RETENTION_DAYS (90), TRANSFER_EXPIRY_WARNING_DAYS (14).
 */
export const config: Config.Config<Transfers.TransferSettings.TransferSettings> = Config.all({
  maxFileMb: Config.integer("TRANSFER_MAX_FILE_MB").pipe(Config.withDefault(50)),
  maxFiles: Config.integer("TRANSFER_MAX_FILES").pipe(Config.withDefault(20)),
  retentionDays: Config.integer("TRANSFER_RETENTION_DAYS").pipe(Config.withDefault(90)),
  warningDays: Config.integer("TRANSFER_EXPIRY_WARNING_DAYS").pipe(Config.withDefault(14))
}).pipe(
  Config.validate({
    message: "transfer limits must be positive",
    validation: (c) => c.maxFileMb > 0 && c.maxFiles > 0 && c.retentionDays > 0 && c.warningDays >= 0
  }),
  Config.map(
    (c): Transfers.TransferSettings.TransferSettings => ({
      ...Transfers.TransferSettings.defaults,
      maxFileBytes: c.maxFileMb * 1024 * 1024,
      maxFilesPerBatch: c.maxFiles,
      retention: Duration.days(c.retentionDays),
      expiryWarning: Duration.days(c.warningDays)
    })
  )
)
