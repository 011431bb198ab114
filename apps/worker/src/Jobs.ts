/**
 * The pg-boss queues the worker serves. Digest and reminder checks are ticks scheduled every
 * minute (pg-boss fires a schedule once per minute across all workers); each check is idempotent
 * by its outbox keys, so a tick that runs twice sends nothing twice. The transfer retention job
 * runs hourly, and once whenever a worker starts, so files whose time came while no worker was
 * running do not wait for the next hour; removing twice is harmless, so overlaps cost nothing.
 */
export const names = {
  dailyDigest: "notifications-daily-digest",
  registerReminders: "notifications-register-reminders",
  transferExpiry: "transfers-expire-files"
} as const

export const everyMinute = "* * * * *"

export const everyHour = "0 * * * *"
