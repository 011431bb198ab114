import { Access, type Actor } from "@openap/core"

/** One link in the service navigation, as the layout draws it. */
export interface NavItem {
  readonly text: string
  readonly href: string
  readonly current: boolean
}

/** A journey's entry in the navigation: which of the access policy's items it provides, and where. */
export interface NavEntry {
  readonly item: Access.NavigationItem
  readonly href: string
}

/**
 * The navigation for one person: the items the access policy gives them (in its order), limited to
 * those a registered journey provides, so nobody is shown a link to something that does not exist
 * or that they cannot use.
 */
export const navigationFor = (
  actor: Actor.Actor | undefined,
  entries: ReadonlyArray<NavEntry>,
  currentPath: string
): ReadonlyArray<NavItem> => {
  if (actor === undefined) return []
  return Access.navigationFor(actor).flatMap((item) => {
    const entry = entries.find((e) => e.item === item)
    if (entry === undefined) return []
    const current = currentPath === entry.href || currentPath.startsWith(`${entry.href}/`)
    return [{ text: Access.navigationLabel[item], href: entry.href, current }]
  })
}
