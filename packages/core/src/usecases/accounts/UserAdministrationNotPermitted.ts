import { Schema } from "effect"
import { UserId } from "../../Ids.js"

/** Only CAP admin staff manage accounts (Access.canAdministerUsers). */
export class UserAdministrationNotPermitted extends Schema.TaggedError<UserAdministrationNotPermitted>()(
  "UserAdministrationNotPermitted",
  { actorId: UserId }
) {}
