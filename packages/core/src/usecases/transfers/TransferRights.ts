import * as Access from "../../Access.js"
import type { OrgKind } from "../../OrgKind.js"
import * as TransferRoute from "../../TransferRoute.js"

/** The kinds of organisation the actor may send files to: the permitted routes its roles allow. */
export const destinationsOf = (who: Access.Who): ReadonlyArray<OrgKind> =>
  TransferRoute.permitted
    .filter(([from, to]) => from === who.orgKind && Access.canSendFile(who, to))
    .map(([, to]) => to)

/**
 * Whether the actor may use secure file transfer at all (send, and so also receive): the same
 * people, the guidance's log-in holders. Each file is then checked on its own.
 */
export const mayUse = (who: Access.Who): boolean => destinationsOf(who).length > 0
