-- Each attempt row is also the outbox entry of its dial request: written with the move to DIALING,
-- claimed by one sender at a time (dial_lease_until), retried with backoff (dial_next_try_at) and
-- never sent once the attempt has ended. dial_id names the request to the telephony platform.
ALTER TABLE callback_attempt ADD COLUMN dial_id VARCHAR(40);
ALTER TABLE callback_attempt ADD COLUMN dialed_at BIGINT;
ALTER TABLE callback_attempt ADD COLUMN dial_next_try_at BIGINT;
ALTER TABLE callback_attempt ADD COLUMN dial_lease_until BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE callback_attempt ADD COLUMN dial_tries INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE callback_attempt ADD COLUMN dial_error VARCHAR(500);
-- attempts made before the outbox were handed over when they started
UPDATE callback_attempt SET dialed_at = started_at;
-- pending requests only have dial_next_try_at set, so the sender's scan stays small
CREATE INDEX ix_callback_attempt_dial_next ON callback_attempt (dial_next_try_at);
CREATE INDEX ix_callback_attempt_dial_id ON callback_attempt (dial_id);
