import type { FastifyRequest } from "fastify"

/**
 * Reading url-encoded form bodies. A repeated field arrives as an array (checkboxes); anything
 * else that is not a string is treated as missing, never trusted.
 */
type Body = Readonly<Record<string, unknown>>

const bodyOf = (request: FastifyRequest): Body =>
  typeof request.body === "object" && request.body !== null ? (request.body as Body) : {}

/** A text field, trimmed; "" when missing. */
export const text = (request: FastifyRequest, name: string): string => {
  const value = bodyOf(request)[name]
  return typeof value === "string" ? value.trim() : ""
}

/** A field exactly as typed (passwords: spaces are part of them); "" when missing. */
export const raw = (request: FastifyRequest, name: string): string => {
  const value = bodyOf(request)[name]
  return typeof value === "string" ? value : ""
}

/** Every value of a repeated field (a group of checkboxes). */
export const all = (request: FastifyRequest, name: string): ReadonlyArray<string> => {
  const value = bodyOf(request)[name]
  if (typeof value === "string") return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []
}

/** A query-string parameter; "" when missing or repeated. */
export const query = (request: FastifyRequest, name: string): string => {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === "string" ? value : ""
}

/** A path parameter. */
export const param = (request: FastifyRequest, name: string): string => {
  const value = (request.params as Record<string, unknown> | undefined)?.[name]
  return typeof value === "string" ? value : ""
}
