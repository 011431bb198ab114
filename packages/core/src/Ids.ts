import { Schema } from "effect"

/**
 * Every record is keyed by a UUID string, branded per entity so that a learner id can never be
 * passed where a lesson id is expected. Ids are made by the IdGenerator port, never in core.
 */
const uuid = Schema.UUID

export const OrganisationId = uuid.pipe(Schema.brand("OrganisationId"))
export type OrganisationId = typeof OrganisationId.Type
export const UserId = uuid.pipe(Schema.brand("UserId"))
export type UserId = typeof UserId.Type
export const LearnerId = uuid.pipe(Schema.brand("LearnerId"))
export type LearnerId = typeof LearnerId.Type
export const CourseId = uuid.pipe(Schema.brand("CourseId"))
export type CourseId = typeof CourseId.Type
export const UnitId = uuid.pipe(Schema.brand("UnitId"))
export type UnitId = typeof UnitId.Type
export const EnrolmentId = uuid.pipe(Schema.brand("EnrolmentId"))
export type EnrolmentId = typeof EnrolmentId.Type
export const LessonId = uuid.pipe(Schema.brand("LessonId"))
export type LessonId = typeof LessonId.Type
export const NoteId = uuid.pipe(Schema.brand("NoteId"))
export type NoteId = typeof NoteId.Type
export const TransferBatchId = uuid.pipe(Schema.brand("TransferBatchId"))
export type TransferBatchId = typeof TransferBatchId.Type
export const TransferFileId = uuid.pipe(Schema.brand("TransferFileId"))
export type TransferFileId = typeof TransferFileId.Type
export const NotificationId = uuid.pipe(Schema.brand("NotificationId"))
export type NotificationId = typeof NotificationId.Type
export const WithdrawalId = uuid.pipe(Schema.brand("WithdrawalId"))
export type WithdrawalId = typeof WithdrawalId.Type
export const ReferralId = uuid.pipe(Schema.brand("ReferralId"))
export type ReferralId = typeof ReferralId.Type
