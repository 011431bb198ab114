/**
 * The web app's URLs that emails link to. They must match apps/web/src/paths.ts; the worker does
 * not import the web app (it runs without it), so the few it needs are spelled here once.
 */
export interface Links {
  readonly register: (lessonId: string) => string
  readonly unprocessedAbsences: string
  readonly receivedFiles: string
}

export const make = (publicBaseUrl: string): Links => {
  const at = (path: string) => new URL(path, publicBaseUrl).href
  return {
    register: (lessonId) => at(`/registers/${encodeURIComponent(lessonId)}`),
    unprocessedAbsences: at("/absences"),
    receivedFiles: at("/file-transfer")
  }
}
