import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import fastifyStatic from "@fastify/static"
import type { FastifyInstance } from "fastify"
import { paths } from "./paths.js"

const require = createRequire(import.meta.url)
const govukDist = join(dirname(require.resolve("govuk-frontend/package.json")), "dist", "govuk")
const htmxDist = join(dirname(require.resolve("htmx.org/package.json")), "dist")
const publicDir = fileURLToPath(new URL("../public", import.meta.url))

/**
 * Static files: GOV.UK Frontend's stylesheet and script, its fonts and images (at /assets/, where
 * its stylesheet expects them), htmx, and the app's own few files. Nothing else in those packages
 * is served.
 */
export const registerAssets = async (app: FastifyInstance) => {
  const common = { index: false, list: false, maxAge: "1h", wildcard: true } as const
  await app.register(fastifyStatic, { ...common, root: join(govukDist, "assets"), prefix: paths.govukAssets })
  await app.register(fastifyStatic, {
    ...common,
    root: govukDist,
    prefix: `${paths.static}govuk/`,
    decorateReply: false,
    allowedPath: (pathName) => /^\/govuk-frontend\.min\.(css|js)$/.test(pathName)
  })
  await app.register(fastifyStatic, {
    ...common,
    root: htmxDist,
    prefix: `${paths.static}htmx/`,
    decorateReply: false,
    allowedPath: (pathName) => pathName === "/htmx.min.js"
  })
  await app.register(fastifyStatic, {
    ...common,
    root: publicDir,
    prefix: paths.static,
    decorateReply: false
  })
}
