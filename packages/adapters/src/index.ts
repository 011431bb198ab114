export * as JobQueue from "./queue/JobQueue.js"
export * as LogMailer from "./email/LogMailer.js"
export * as MemoryMailer from "./email/MemoryMailer.js"
export * as SmtpMailer from "./email/SmtpMailer.js"
