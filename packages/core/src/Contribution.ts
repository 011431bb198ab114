import { Schema } from "effect"
import * as CouncilPolicy from "./CouncilPolicy.js"

/**
 * A learner's contribution to one lesson, recorded by the provider: an integer from -2 to +2,
 * 0 until someone moves it, moved one step at a time and never past the bounds.
 */
export const Contribution = Schema.Int.pipe(Schema.between(-2, 2), Schema.brand("Contribution"))
export type Contribution = typeof Contribution.Type

export type Direction = "up" | "down"

export interface Bounds {
  readonly min: number
  readonly max: number
  readonly initial: number
}

/**
 * One step up or down within `bounds`. A value outside the bounds is brought back inside rather
 * than rejected: the result is always a valid contribution. A value that is not a number (NaN)
 * counts as the initial value.
 */
export const stepWithin = (bounds: Bounds, value: number, direction: Direction): number => {
  const start = Number.isNaN(value) ? bounds.initial : Math.round(value)
  const next = start + (direction === "up" ? 1 : -1)
  return Math.min(bounds.max, Math.max(bounds.min, next))
}

export const stepWith = (policy: CouncilPolicy.CouncilPolicy, value: number, direction: Direction): number =>
  stepWithin(policy.contribution, value, direction)

/** One step up or down, clamped to -2..+2. */
export const step = (value: number, direction: Direction): number =>
  stepWith(CouncilPolicy.coventry, value, direction)

export const initial: Contribution = Contribution.make(0)
