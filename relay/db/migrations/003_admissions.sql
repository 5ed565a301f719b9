-- sealpost relay, schema 3. Partners can be admitted over HTTP with an operator-signed admission
-- (POST /v1/partners). Every admission applied is kept by digest, so the same document is refused
-- a second time; a partner row remembers the issue time of the admission that set its key, so an
-- older document (one issued before a key rotation) cannot roll the key back. Partners added
-- directly (`relay partner add`) count as admitted at their admission time.
ALTER TABLE partners ADD COLUMN admission_issued_at bigint NOT NULL DEFAULT 0;
UPDATE partners SET admission_issued_at = admitted_at;

CREATE TABLE admissions (
  digest     text PRIMARY KEY,
  partner_id text NOT NULL,
  key_id     text NOT NULL,
  issued_at  bigint NOT NULL,
  applied_at bigint NOT NULL
);
