/**
 * The state tables in plain, portable SQL (Postgres dialect: PGlite runs it
 * embedded, and a Postgres server runs it unchanged). Times are bigint epoch
 * ms, lists are JSON text, so no column needs a dialect-specific type.
 */
export const STATE_SCHEMA_VERSION = 1;

export const STATE_SCHEMA = `
create table if not exists footnote_meta (
  key text primary key,
  value text not null
);
create table if not exists footnote_threads (
  thread_id text primary key,
  channel_id text not null,
  guild_id text not null,
  question text not null,
  kind text not null,
  created_at bigint not null
);
create table if not exists footnote_turns (
  thread_id text not null,
  seq integer not null,
  at bigint not null,
  turn text not null,
  primary key (thread_id, seq)
);
create table if not exists footnote_channels (
  channel_id text primary key,
  guild_id text not null,
  mode text not null,
  collections text not null,
  updated_at bigint not null,
  updated_by text not null
);
create index if not exists footnote_channels_guild on footnote_channels (guild_id);
create table if not exists footnote_feedback (
  answer_id text not null,
  voter text not null,
  vote text not null,
  at bigint not null,
  question text,
  answer text not null,
  abstained boolean not null,
  chunk_ids text not null,
  primary key (answer_id, voter)
);
create table if not exists footnote_learned (
  id text primary key,
  guild_id text not null,
  channel_id text not null,
  thread_id text not null,
  message_id text not null,
  question text not null,
  answer text not null,
  author_name text not null,
  link text not null,
  created_at bigint not null,
  created_by text not null
);
create table if not exists footnote_questions (
  answer_id text primary key,
  at bigint not null,
  day text not null,
  guild_id text,
  channel_id text,
  asker text not null,
  question text not null,
  abstained boolean not null,
  top_score double precision,
  chunk_ids text not null,
  up integer not null default 0,
  down integer not null default 0
);
create index if not exists footnote_questions_at on footnote_questions (at);
`;
