-- sealpost relay, schema 1. Plain SQL that PostgreSQL, PGlite, Citus and YugabyteDB all take:
-- no LISTEN/NOTIFY, no triggers, no sequences the queues depend on. Times are ms since epoch
-- (bigint). No column holds an IP address or any plaintext of a person.

CREATE TABLE partners (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  key_id         text NOT NULL,
  signing_public text NOT NULL,
  sealing_public text NOT NULL,
  admitted_at    bigint NOT NULL
);

-- Every directory the operator signed, by version (the client refuses to go back).
CREATE TABLE directory_versions (
  version    integer PRIMARY KEY,
  document   text NOT NULL,
  expires_at bigint NOT NULL
);

CREATE TABLE bundles (
  digest       text PRIMARY KEY,
  partner_id   text NOT NULL,
  bundle_id    text NOT NULL,
  version      text NOT NULL,
  bytes        bytea NOT NULL,
  size         integer NOT NULL,
  published_at bigint NOT NULL,
  withdrawn_at bigint
);
CREATE INDEX bundles_by_partner ON bundles (partner_id, published_at);

-- A pseudonym belongs to the one partner it first wrote to: pseudonyms are per partner.
CREATE TABLE pseudonyms (
  pseudonym  text PRIMARY KEY,
  partner_id text NOT NULL
);

-- The postman's queue. `body` (the sealed envelope) is dropped once the envelope is settled.
CREATE TABLE envelopes (
  id           text PRIMARY KEY,
  partner_id   text NOT NULL,
  pseudonym    text NOT NULL,
  bucket       integer NOT NULL,
  digest       text NOT NULL,
  billable     boolean NOT NULL,
  body         text,
  state        text NOT NULL,
  posted_at    bigint NOT NULL,
  expires_at   bigint NOT NULL,
  leased_until bigint NOT NULL DEFAULT 0,
  settled_at   bigint,
  cents        integer
);
CREATE INDEX envelopes_inbox ON envelopes (partner_id, state, posted_at);
CREATE INDEX envelopes_by_pseudonym ON envelopes (pseudonym, posted_at);

-- The meter: one line per partner, pseudonym and calendar year (UTC).
CREATE TABLE meter (
  partner_id text NOT NULL,
  pseudonym  text NOT NULL,
  year       integer NOT NULL,
  transfers  integer NOT NULL,
  cents      integer NOT NULL,
  PRIMARY KEY (partner_id, pseudonym, year)
);

-- Signed pushes waiting for a device; deleted once the device acknowledges them.
CREATE TABLE pushes (
  id         text PRIMARY KEY,
  partner_id text NOT NULL,
  pseudonym  text NOT NULL,
  body       text NOT NULL,
  posted_at  bigint NOT NULL
);
CREATE INDEX pushes_by_pseudonym ON pushes (pseudonym, posted_at);

-- Nonces seen within the signature window, per caller: a replayed call is refused.
CREATE TABLE nonces (
  caller  text NOT NULL,
  nonce   text NOT NULL,
  created bigint NOT NULL,
  PRIMARY KEY (caller, nonce)
);
CREATE INDEX nonces_by_created ON nonces (created);
