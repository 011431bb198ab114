import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/**
 * The first schema: the records the first features need. Plain SQL that runs on PostgreSQL 15 and
 * on PGlite (PostgreSQL 18). Every table that belongs to an establishment carries that
 * establishment's id (school_id, provider_id) so every scoped query filters on an indexed column
 * without a join; the copies are set from the parent rows when written and never change.
 */
export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql.unsafe(`
create table organisations (
  id uuid primary key,
  kind text not null check (kind in ('cap', 'school', 'provider')),
  name text not null,
  address text,
  telephone text,
  email text,
  created_at timestamptz not null default now()
);
create index organisations_kind_name_idx on organisations (kind, name);

create table users (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  email text not null check (email = lower(email)),
  display_name text not null,
  roles text[] not null default '{}',
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (email);
create index users_organisation_idx on users (organisation_id, display_name);

create table user_credentials (
  user_id uuid primary key references users (id) on delete cascade,
  password_hash text not null,
  updated_at timestamptz not null
);

create table setup_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index setup_tokens_user_idx on setup_tokens (user_id);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

create table learners (
  id uuid primary key,
  school_id uuid not null references organisations (id),
  given_name text not null,
  family_name text not null,
  date_of_birth date not null,
  cohort text,
  upn text,
  address text,
  medical_notes text,
  created_at timestamptz not null default now()
);
create index learners_school_name_idx on learners (school_id, lower(family_name), lower(given_name));
create index learners_name_idx on learners (lower(family_name), lower(given_name));

create table emergency_contacts (
  id uuid primary key,
  learner_id uuid not null references learners (id) on delete cascade,
  school_id uuid not null references organisations (id),
  name text not null,
  relationship text not null,
  telephone text not null,
  email text,
  priority integer not null check (priority > 0)
);
create index emergency_contacts_learner_idx on emergency_contacts (learner_id, priority);

create table courses (
  id uuid primary key,
  provider_id uuid not null references organisations (id),
  title text not null,
  category text not null,
  academic_year text not null,
  description text not null default '',
  qualification text,
  availability text,
  days text,
  price text,
  address text,
  student_interests text[] not null default '{}'
);
create index courses_provider_idx on courses (provider_id, title);
create index courses_year_category_idx on courses (academic_year, category);

create table course_parts (
  id uuid primary key,
  course_id uuid not null references courses (id) on delete cascade,
  title text not null,
  position integer not null
);
create index course_parts_course_idx on course_parts (course_id, position);

create table units (
  id uuid primary key,
  course_id uuid not null references courses (id) on delete cascade,
  part_id uuid not null references course_parts (id) on delete cascade,
  title text not null,
  code text,
  position integer not null
);
create index units_part_idx on units (part_id, position);

create table enrolments (
  id uuid primary key,
  learner_id uuid not null references learners (id),
  course_id uuid not null references courses (id),
  school_id uuid not null references organisations (id),
  provider_id uuid not null references organisations (id),
  start_date date not null,
  end_date date,
  check (end_date is null or end_date >= start_date)
);
create index enrolments_learner_idx on enrolments (learner_id);
create index enrolments_course_idx on enrolments (course_id, start_date);
create index enrolments_provider_learner_idx on enrolments (provider_id, learner_id);
create index enrolments_school_idx on enrolments (school_id);

create table lessons (
  id uuid primary key,
  course_id uuid not null references courses (id),
  provider_id uuid not null references organisations (id),
  date date not null,
  start_time time not null,
  end_time time not null,
  register_version integer not null default 0,
  check (end_time > start_time)
);
create index lessons_course_date_idx on lessons (course_id, date, start_time);
create index lessons_provider_date_idx on lessons (provider_id, date);
create index lessons_date_idx on lessons (date, start_time);

create table attendance_marks (
  lesson_id uuid not null references lessons (id),
  learner_id uuid not null references learners (id),
  school_id uuid not null references organisations (id),
  provider_id uuid not null references organisations (id),
  code text not null check (code in ('present', 'late', 'authorised_absence', 'unexplained_absence',
    'unauthorised_absence', 'dismissed_behaviour', 'dismissed_other', 'not_required')),
  contribution smallint not null default 0 check (contribution between -2 and 2),
  note text,
  marked_by uuid not null references users (id),
  marked_at timestamptz not null,
  primary key (lesson_id, learner_id)
);
create index attendance_marks_learner_idx on attendance_marks (learner_id);
create index attendance_marks_unprocessed_idx on attendance_marks (school_id, lesson_id)
  where code = 'unexplained_absence';

create table mark_history (
  id bigint generated always as identity primary key,
  lesson_id uuid not null references lessons (id),
  learner_id uuid not null references learners (id),
  school_id uuid not null references organisations (id),
  provider_id uuid not null references organisations (id),
  previous_code text,
  previous_contribution smallint,
  previous_note text,
  code text not null,
  contribution smallint not null,
  note text,
  changed_by uuid not null references users (id),
  changed_at timestamptz not null
);
create index mark_history_lesson_idx on mark_history (lesson_id, id);

create table learner_notes (
  id uuid primary key,
  learner_id uuid not null references learners (id),
  school_id uuid not null references organisations (id),
  author_id uuid not null references users (id),
  author_organisation_id uuid not null references organisations (id),
  text text not null,
  created_at timestamptz not null
);
create index learner_notes_learner_idx on learner_notes (learner_id, created_at desc);

create table transfer_batches (
  id uuid primary key,
  sender_organisation_id uuid not null references organisations (id),
  sender_user_id uuid not null references users (id),
  created_at timestamptz not null,
  confirmed_at timestamptz
);
create index transfer_batches_sender_idx on transfer_batches (sender_organisation_id, created_at desc);

create table transfer_files (
  id uuid primary key,
  batch_id uuid not null references transfer_batches (id) on delete cascade,
  position integer not null,
  sender_organisation_id uuid not null references organisations (id),
  recipient_organisation_id uuid not null references organisations (id),
  recipient_role text,
  document_type text not null,
  description text not null,
  filename text not null,
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null,
  storage_key text not null unique,
  expires_at timestamptz not null,
  deleted_at timestamptz
);
create index transfer_files_batch_idx on transfer_files (batch_id, position);
create index transfer_files_recipient_idx on transfer_files (recipient_organisation_id);
create index transfer_files_sender_idx on transfer_files (sender_organisation_id);
create index transfer_files_expiry_idx on transfer_files (expires_at) where deleted_at is null;

create table transfer_accesses (
  id bigint generated always as identity primary key,
  file_id uuid not null references transfer_files (id) on delete cascade,
  user_id uuid not null references users (id),
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind in ('view', 'download')),
  at timestamptz not null
);
create index transfer_accesses_file_idx on transfer_accesses (file_id, at);

create table notifications (
  id uuid primary key,
  key text not null unique,
  kind text not null,
  recipients text[] not null,
  subject text not null,
  content jsonb not null,
  status text not null check (status in ('pending', 'sending', 'sent', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  claimed_until timestamptz,
  attempted_at timestamptz,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz not null
);
create index notifications_due_idx on notifications (next_attempt_at) where status = 'pending';
create index notifications_claimed_idx on notifications (claimed_until) where status = 'sending';
create index notifications_status_idx on notifications (status, created_at desc);

create table audit_log (
  sequence bigint generated always as identity primary key,
  at timestamptz not null,
  actor_type text not null check (actor_type in ('user', 'system')),
  actor_user_id uuid,
  actor_organisation_id uuid,
  actor_name text,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  detail jsonb
);
create index audit_log_subject_idx on audit_log (subject_type, subject_id, sequence desc);
create index audit_log_actor_idx on audit_log (actor_user_id, sequence desc);
create index audit_log_at_idx on audit_log (at);

-- The audit log is append-only: refuse any change or removal, whoever asks.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
end
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
`)
)
