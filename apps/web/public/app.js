// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/govuk/govuk-frontend.min.js"

initAll()

// Content swapped in by htmx gets the same component behaviour as a full page load.
document.body.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail?.target
  if (target instanceof HTMLElement) initAll({ scope: target })
})
