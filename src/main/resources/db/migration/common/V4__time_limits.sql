-- Every waiting state has a way out: an offer nobody answers and a call that never ends are taken
-- back after the queue's limits. The callback keeps when each began; the agent why the system set
-- its status ("not responding").
ALTER TABLE queue ADD COLUMN offer_timeout_seconds INTEGER DEFAULT 30 NOT NULL;
ALTER TABLE queue ADD COLUMN max_call_minutes INTEGER DEFAULT 240 NOT NULL;
ALTER TABLE agent ADD COLUMN status_reason VARCHAR(100);
ALTER TABLE callback ADD COLUMN offered_at BIGINT;
ALTER TABLE callback ADD COLUMN connected_at BIGINT;
-- offers and calls in progress during the upgrade start their clocks when they began
UPDATE callback SET offered_at =
  (SELECT MAX(e.occurred_at) FROM callback_event e WHERE e.callback_id = callback.id AND e.event = 'OFFERED')
  WHERE state = 'OFFERED';
UPDATE callback SET connected_at =
  (SELECT MAX(a.ended_at) FROM callback_attempt a WHERE a.callback_id = callback.id)
  WHERE state = 'CONNECTED';
