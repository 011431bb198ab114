import { OrganisationRepository } from "@openap/core"
import { Effect, HashMap, Layer, Ref } from "effect"
import { cmp, MemoryState, values } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  OrganisationRepository.OrganisationRepository.of({
    create: (o) =>
      Ref.update(state, (s) => {
        if (HashMap.has(s.organisations, o.id)) throw new Error(`Organisation ${o.id} exists`)
        return { ...s, organisations: HashMap.set(s.organisations, o.id, o) }
      }),
    update: (o) =>
      Ref.update(state, (s) =>
        HashMap.has(s.organisations, o.id)
          ? { ...s, organisations: HashMap.set(s.organisations, o.id, o) }
          : s
      ),
    findById: (id) => Effect.map(Ref.get(state), (s) => HashMap.get(s.organisations, id)),
    list: (kind) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.organisations)
          .filter((o) => kind === undefined || o.kind === kind)
          .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id))
      ),
    isEmpty: Effect.map(Ref.get(state), (s) => HashMap.isEmpty(s.organisations))
  })
)

export const layer = Layer.effect(OrganisationRepository.OrganisationRepository, make)
