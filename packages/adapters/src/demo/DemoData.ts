import type { CourseCategory, Role } from "@openap/core"

/**
 * The demo council: what `pnpm start` puts into an empty embedded database so that a person can
 * sign in as each kind of user and find something to look at. Every name is invented.
 */
export const organisations = {
  cap: {
    key: "cap",
    kind: "cap",
    name: "Council Alternative Provision team (demo)",
    address: "Council House, 1 Civic Way"
  },
  schoolA: {
    key: "schoolA",
    kind: "school",
    name: "Alder Park School",
    address: "Alder Road",
    telephone: "024 7600 1001"
  },
  schoolB: {
    key: "schoolB",
    kind: "school",
    name: "Birchwood Academy",
    address: "Birch Lane",
    telephone: "024 7600 1002"
  },
  providerA: {
    key: "providerA",
    kind: "provider",
    name: "Anvil Training Centre",
    address: "Unit 4, Forge Estate",
    telephone: "024 7600 2001"
  },
  providerB: {
    key: "providerB",
    kind: "provider",
    name: "Beacon Skills Hub",
    address: "12 Harbour Street",
    telephone: "024 7600 2002"
  }
} as const

export type OrganisationKey = keyof typeof organisations

export interface DemoAccount {
  readonly email: string
  readonly displayName: string
  readonly organisation: OrganisationKey
  readonly roles: ReadonlyArray<Role.Role>
  /** What the account shows off, for the list printed on start. */
  readonly description: string
}

export const accounts: ReadonlyArray<DemoAccount> = [
  {
    email: "cap.admin@demo.openap.test",
    displayName: "Casey Admin",
    organisation: "cap",
    roles: ["admin"],
    description: "CAP admin"
  },
  {
    email: "school.coordinator@demo.openap.test",
    displayName: "Sam Coordinator",
    organisation: "schoolA",
    roles: ["cap_coordinator"],
    description: "School A (Alder Park School), CAP Coordinator"
  },
  {
    email: "school.dsl@demo.openap.test",
    displayName: "Dana Safeguarding",
    organisation: "schoolA",
    roles: ["dsl"],
    description: "School A (Alder Park School), DSL"
  },
  {
    email: "provider.coordinator@demo.openap.test",
    displayName: "Pat Coordinator",
    organisation: "providerA",
    roles: ["cap_coordinator"],
    description: "Provider A (Anvil Training Centre), CAP Coordinator"
  },
  {
    email: "provider.dsl@demo.openap.test",
    displayName: "Drew Safeguarding",
    organisation: "providerA",
    roles: ["dsl"],
    description: "Provider A (Anvil Training Centre), DSL"
  },
  {
    email: "provider.tutor@demo.openap.test",
    displayName: "Taylor Tutor",
    organisation: "providerA",
    roles: ["tutor"],
    description: "Provider A (Anvil Training Centre), tutor"
  },
  {
    email: "other.school@demo.openap.test",
    displayName: "Olive Other",
    organisation: "schoolB",
    roles: ["cap_coordinator", "dsl"],
    description: "School B (Birchwood Academy), CAP Coordinator and DSL"
  },
  {
    email: "other.provider@demo.openap.test",
    displayName: "Owen Other",
    organisation: "providerB",
    roles: ["cap_coordinator", "dsl", "tutor"],
    description: "Provider B (Beacon Skills Hub), CAP Coordinator, DSL and tutor"
  }
]

export interface DemoCourse {
  readonly provider: "providerA" | "providerB"
  readonly title: string
  readonly category: CourseCategory.CourseCategory
  readonly description: string
  readonly qualification?: string
  readonly days: string
  /** ISO weekdays (1 = Monday) the course meets, and its hours. */
  readonly weekdays: ReadonlyArray<number>
  readonly start: string
  readonly end: string
  readonly interests: ReadonlyArray<string>
  readonly parts: ReadonlyArray<{ readonly title: string; readonly units: ReadonlyArray<string> }>
}

export const courses: ReadonlyArray<DemoCourse> = [
  {
    provider: "providerA",
    title: "Motor vehicle maintenance",
    category: "vocational_practical_skills",
    description: "Workshop skills on real vehicles: safety, tools, servicing and simple repairs.",
    qualification: "Level 1 Award in Vehicle Maintenance",
    days: "Monday and Wednesday",
    weekdays: [1, 3],
    start: "09:30",
    end: "12:30",
    interests: ["cars", "engineering", "hands-on"],
    parts: [
      { title: "Part 1: Working safely", units: ["Health and safety in the workshop", "Using hand tools"] },
      { title: "Part 2: Servicing", units: ["Checking fluids", "Changing a wheel", "Routine service"] }
    ]
  },
  {
    provider: "providerA",
    title: "Construction taster",
    category: "vocational_taster",
    description: "Six weeks trying bricklaying, carpentry and painting and decorating.",
    days: "Tuesday",
    weekdays: [2],
    start: "10:00",
    end: "14:00",
    interests: ["building", "hands-on"],
    parts: [{ title: "Tasters", units: ["Bricklaying", "Carpentry", "Painting and decorating"] }]
  },
  {
    provider: "providerA",
    title: "Functional skills English and maths",
    category: "core_curriculum",
    description: "Small-group English and maths towards Functional Skills qualifications.",
    qualification: "Functional Skills Entry 3 / Level 1",
    days: "Thursday",
    weekdays: [4],
    start: "09:30",
    end: "12:00",
    interests: ["english", "maths"],
    parts: [
      { title: "English", units: ["Reading", "Writing", "Speaking and listening"] },
      { title: "Maths", units: ["Number", "Measures and shape", "Handling data"] }
    ]
  },
  {
    provider: "providerA",
    title: "Next steps: careers and work experience",
    category: "post_16_pathways",
    description: "CV writing, interview practice and a supported work placement.",
    days: "Friday",
    weekdays: [5],
    start: "10:00",
    end: "13:00",
    interests: ["careers", "employability", "work experience"],
    parts: [
      { title: "Getting ready for work", units: ["CV and applications", "Interviews", "Work placement"] }
    ]
  },
  {
    provider: "providerA",
    title: "Moving on: transition to college",
    category: "transition",
    description: "Visits, routines and confidence for the move to college.",
    days: "Wednesday afternoon",
    weekdays: [3],
    start: "13:30",
    end: "15:30",
    interests: ["college", "confidence"],
    parts: [{ title: "Transition", units: ["College visits", "Travel training"] }]
  },
  {
    provider: "providerB",
    title: "Catering and hospitality",
    category: "vocational_practical_skills",
    description: "Cooking, food hygiene and front-of-house in a working cafe kitchen.",
    qualification: "Level 1 Award in Food Safety",
    days: "Monday and Thursday",
    weekdays: [1, 4],
    start: "09:00",
    end: "12:00",
    interests: ["cooking", "food", "hands-on"],
    parts: [
      { title: "Part 1: Food safety", units: ["Personal hygiene", "Safe food storage"] },
      { title: "Part 2: Cooking", units: ["Knife skills", "Preparing a two-course meal"] }
    ]
  },
  {
    provider: "providerB",
    title: "ESOL for new arrivals",
    category: "esol",
    description: "English for speakers of other languages, with everyday and school vocabulary.",
    qualification: "ESOL Skills for Life Entry 2",
    days: "Tuesday and Friday",
    weekdays: [2, 5],
    start: "09:30",
    end: "11:30",
    interests: ["english", "language"],
    parts: [{ title: "Skills for life", units: ["Speaking", "Listening", "Reading", "Writing"] }]
  },
  {
    provider: "providerB",
    title: "Personal development through sport",
    category: "personal_development",
    description: "Team sport, coaching and first aid to build confidence and resilience.",
    days: "Wednesday",
    weekdays: [3],
    start: "13:00",
    end: "15:00",
    interests: ["sport", "fitness", "teamwork"],
    parts: [{ title: "Sport and wellbeing", units: ["Teamwork", "Basic first aid", "Leading a session"] }]
  },
  {
    provider: "providerB",
    title: "Primary nurture group",
    category: "primary_provision",
    description: "Small nurture group for primary-age pupils, with a focus on routines and play.",
    days: "Tuesday morning",
    weekdays: [2],
    start: "09:00",
    end: "11:00",
    interests: ["nurture", "primary"],
    parts: [{ title: "Nurture", units: ["Routines", "Social skills"] }]
  },
  {
    provider: "providerB",
    title: "Secondary re-engagement programme",
    category: "secondary_provision",
    description: "Full-time alternative curriculum for Key Stage 4 learners at risk of exclusion.",
    days: "Thursday afternoon",
    weekdays: [4],
    start: "13:00",
    end: "15:00",
    interests: ["re-engagement", "mentoring"],
    parts: [{ title: "Programme", units: ["Mentoring", "English and maths catch-up"] }]
  }
]

const givenNames = [
  "Aaliyah",
  "Ben",
  "Chloe",
  "Daniel",
  "Ella",
  "Finley",
  "Grace",
  "Harry",
  "Isla",
  "Jack",
  "Keira",
  "Leo",
  "Maya",
  "Noah",
  "Olivia",
  "Precious",
  "Quinn",
  "Reuben",
  "Sofia",
  "Tyler",
  "Umar",
  "Violet",
  "Wiktor",
  "Xena",
  "Yusuf",
  "Zara",
  "Amelia",
  "Bilal",
  "Corey",
  "Darcy",
  "Eden",
  "Freddie"
]
const familyNames = [
  "Ahmed",
  "Bennett",
  "Carter",
  "Dhillon",
  "Evans",
  "Fletcher",
  "Gordon",
  "Hughes",
  "Iqbal",
  "Jones",
  "Kaur",
  "Lewis",
  "Mensah",
  "Nowak",
  "Owens",
  "Patel",
  "Quinlan",
  "Roberts",
  "Singh",
  "Turner",
  "Usman",
  "Vaughan",
  "Walsh",
  "Xu",
  "Young",
  "Zielinski",
  "Archer",
  "Bailey",
  "Collins",
  "Dixon",
  "Ellis",
  "Foster"
]

export interface DemoLearner {
  readonly school: "schoolA" | "schoolB"
  readonly givenName: string
  readonly familyName: string
  readonly dateOfBirth: string
  readonly cohort: string
}

/** Thirty-two learners: eighteen at school A, fourteen at school B (no learner is at both). */
export const learners: ReadonlyArray<DemoLearner> = givenNames.map((givenName, i) => ({
  school: i < 18 ? "schoolA" : "schoolB",
  givenName,
  familyName: familyNames[i] as string,
  dateOfBirth: `${2009 + (i % 4)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
  cohort: i % 3 === 0 ? "Year 11" : i % 3 === 1 ? "Year 10" : "Year 9"
}))
