/**
 * Every URL of the web app. Routes register `.pattern`; views and redirects build links with the
 * function, so a URL is spelled once and a renamed parameter fails the typecheck.
 */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

export type PathTo<P extends string> = ((params: Record<ParamNames<P>, string>) => string) & {
  readonly pattern: P
}

export const pathTo = <P extends string>(pattern: P): PathTo<P> =>
  Object.assign(
    (params: Record<ParamNames<P>, string>) =>
      pattern.replace(/:([A-Za-z]+)/g, (_, name: string) =>
        encodeURIComponent((params as Record<string, string>)[name] ?? "")
      ),
    { pattern }
  )

export const paths = {
  home: "/",
  signIn: "/sign-in",
  signOut: "/sign-out",
  account: "/account",
  setPassword: pathTo("/set-password/:token"),
  users: "/users",
  newUser: "/users/new",
  user: pathTo("/users/:userId"),
  disableUser: pathTo("/users/:userId/disable"),
  accessibility: "/accessibility",
  outbox: "/outbox",
  outboxSendAgain: pathTo("/outbox/:notificationId/send-again"),
  registers: "/registers",
  register: pathTo("/registers/:lessonId"),
  editRegister: pathTo("/registers/:lessonId/edit"),
  todaysAttendance: "/attendance",
  unprocessedAbsences: "/absences",
  learner: pathTo("/learners/:learnerId"),
  fileTransfer: "/file-transfer",
  sendFiles: "/file-transfer/send",
  transferDraft: pathTo("/file-transfer/drafts/:batchId"),
  confirmTransfer: pathTo("/file-transfer/drafts/:batchId/confirm"),
  cancelTransfer: pathTo("/file-transfer/drafts/:batchId/cancel"),
  transferFile: pathTo("/file-transfer/files/:fileId"),
  downloadTransferFile: pathTo("/file-transfer/files/:fileId/download"),
  downloadAllTransferFiles: "/file-transfer/download-all",
  sentFiles: "/file-transfer/sent",
  healthz: "/healthz",
  /** GOV.UK Frontend's fonts and images: its stylesheet refers to them at this exact prefix. */
  govukAssets: "/assets/",
  static: "/static/"
} as const
