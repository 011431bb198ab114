import { Schema } from "effect"

/**
 * Where a course sits in the council's directory. Primary and secondary provision are groups of
 * their own; the tier 1/2 courses are split into the seven categories the directory lists.
 */
export const CourseCategory = Schema.Literal(
  "primary_provision",
  "secondary_provision",
  "core_curriculum",
  "esol",
  "personal_development",
  "post_16_pathways",
  "transition",
  "vocational_practical_skills",
  "vocational_taster"
)
export type CourseCategory = typeof CourseCategory.Type

export const all: ReadonlyArray<CourseCategory> = CourseCategory.literals

export type CourseGroup = "primary" | "secondary" | "tier_1_2"

export const groupOf = (category: CourseCategory): CourseGroup =>
  category === "primary_provision" ? "primary" : category === "secondary_provision" ? "secondary" : "tier_1_2"

export const label: Readonly<Record<CourseCategory, string>> = {
  primary_provision: "Primary school provision",
  secondary_provision: "Secondary school provision",
  core_curriculum: "Core Curriculum",
  esol: "ESOL",
  personal_development: "Personal Development",
  post_16_pathways: "Post-16 Pathways (careers, employability, work experience)",
  transition: "Transition",
  vocational_practical_skills: "Vocational (work-based learning) and practical skills",
  vocational_taster: "Vocational 6-week taster courses"
}

export const groupLabel: Readonly<Record<CourseGroup, string>> = {
  primary: "Primary school provision",
  secondary: "Secondary school provision",
  tier_1_2: "Tier 1/2 courses"
}
