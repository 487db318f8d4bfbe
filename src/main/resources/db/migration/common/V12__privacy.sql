-- Retention of personal data: when a callback ended (the retention period counts from there) and
-- when its personal data was erased. Callbacks that already ended take the time of their last step.
ALTER TABLE callback ADD COLUMN ended_at BIGINT;
ALTER TABLE callback ADD COLUMN erased_at BIGINT;
UPDATE callback SET ended_at =
  (SELECT MAX(e.occurred_at) FROM callback_event e WHERE e.callback_id = callback.id)
  WHERE state IN ('COMPLETED', 'CANCELED', 'EXPIRED', 'FAILED');
-- the retention pass: ended long enough ago, not yet erased
CREATE INDEX ix_callback_ended ON callback (ended_at, erased_at);
-- the retention pass over interactions: reported long enough ago
CREATE INDEX ix_interaction_created ON interaction (created_at);
