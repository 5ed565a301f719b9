-- sealpost relay, schema 4. The queue's hot queries touch queued rows only: an inbox pull reads a
-- partner's queued envelopes in posting order, the sweep finds queued envelopes past retention. A
-- relay in service holds far more settled rows (kept for receipts and statements) than queued
-- ones, so both read partial indexes over `state = 'queued'`, which stay as small as the queue.
-- The inbox index ends with `id` so `ORDER BY posted_at, id` needs no sort.
CREATE INDEX envelopes_queued ON envelopes (partner_id, posted_at, id) WHERE state = 'queued';
CREATE INDEX envelopes_queued_expiry ON envelopes (expires_at) WHERE state = 'queued';
DROP INDEX envelopes_inbox;
