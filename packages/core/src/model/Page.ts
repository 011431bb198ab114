import { Schema } from "effect"

/** Which slice of a long list to return; lists show 20 a page by default. */
export const PageRequest = Schema.Struct({
  offset: Schema.Int.pipe(Schema.nonNegative()),
  limit: Schema.Int.pipe(Schema.between(1, 500))
})
export type PageRequest = typeof PageRequest.Type

export const first = (limit = 20): PageRequest => ({ offset: 0, limit })

/** A slice of a list and how many items the whole list holds, for the pager. */
export interface Paged<A> {
  readonly items: ReadonlyArray<A>
  readonly total: number
}
