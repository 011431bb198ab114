import { CourseRepository } from "@openap/core"
import { Effect, HashMap, Layer, Ref } from "effect"
import { cmp, MemoryState, values } from "./MemoryState.js"

export const make = Effect.map(MemoryState, (state) =>
  CourseRepository.CourseRepository.of({
    create: (c) =>
      Ref.update(state, (s) => {
        if (HashMap.has(s.courses, c.id)) throw new Error(`Course ${c.id} exists`)
        return { ...s, courses: HashMap.set(s.courses, c.id, c) }
      }),
    update: (c) =>
      Ref.update(state, (s) =>
        HashMap.has(s.courses, c.id) ? { ...s, courses: HashMap.set(s.courses, c.id, c) } : s
      ),
    findById: (id) => Effect.map(Ref.get(state), (s) => HashMap.get(s.courses, id)),
    list: (f) =>
      Effect.map(Ref.get(state), (s) => {
        const words = (f.keywords ?? "")
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w !== "")
        return values(s.courses)
          .filter((c) => {
            const text = `${c.title} ${c.description} ${c.studentInterests.join(" ")}`.toLowerCase()
            return (
              (f.providerId === undefined || c.providerId === f.providerId) &&
              (f.academicYear === undefined || c.academicYear === f.academicYear) &&
              (f.category === undefined || c.category === f.category) &&
              words.every((w) => text.includes(w))
            )
          })
          .sort((a, b) => cmp(a.title, b.title) || cmp(a.id, b.id))
      }),
    createPart: (p) => Ref.update(state, (s) => ({ ...s, parts: HashMap.set(s.parts, p.id, p) })),
    createUnit: (u) => Ref.update(state, (s) => ({ ...s, units: HashMap.set(s.units, u.id, u) })),
    structure: (courseId) =>
      Effect.map(Ref.get(state), (s) =>
        values(s.parts)
          .filter((p) => p.courseId === courseId)
          .sort((a, b) => a.position - b.position || cmp(a.id, b.id))
          .map((part) => ({
            part,
            units: values(s.units)
              .filter((u) => u.partId === part.id)
              .sort((a, b) => a.position - b.position || cmp(a.id, b.id))
          }))
      )
  })
)

export const layer = Layer.effect(CourseRepository.CourseRepository, make)
