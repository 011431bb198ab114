import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/**
 * Failed sign-in attempts, for throttling per account and per client address across every web
 * process. The key (the address typed, or the client's address) is kept only as a SHA-256.
 */
export default Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql.unsafe(`
create table sign_in_failures (
  key_hash text not null,
  failed_at timestamptz not null
);
create index sign_in_failures_key_idx on sign_in_failures (key_hash, failed_at);
create index sign_in_failures_failed_at_idx on sign_in_failures (failed_at);
`)
)
