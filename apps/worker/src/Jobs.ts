/**
 * The pg-boss queues the worker serves. Digest and reminder checks are ticks scheduled every
 * minute (pg-boss fires a schedule once per minute across all workers); each check is idempotent
 * by its outbox keys, so a tick that runs twice sends nothing twice.
 */
export const names = {
  dailyDigest: "notifications-daily-digest",
  registerReminders: "notifications-register-reminders"
} as const

export const everyMinute = "* * * * *"
