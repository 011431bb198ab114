import type { Journey } from "../Journey.js"
import { about } from "./about.js"
import { account } from "./account.js"
import { datalocker } from "./datalocker.js"
import { health } from "./health.js"
import { home } from "./home.js"
import { learners } from "./learners.js"
import { outbox } from "./outbox.js"
import { registers } from "./registers.js"
import { signIn } from "./signIn.js"
import { users } from "./users.js"

/** Every journey the app serves. A new feature adds its route file here, once. */
export const journeys: ReadonlyArray<Journey> = [
  health,
  about,
  signIn,
  home,
  account,
  users,
  outbox,
  registers,
  learners,
  datalocker
]
