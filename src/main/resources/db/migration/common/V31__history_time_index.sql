-- A reconnecting event stream replays the steps recorded after the one it saw last, in the order
-- they were recorded: by time, then id (ids come from sequences in blocks since migration 30, so
-- they no longer follow the order of recording).
CREATE INDEX ix_callback_event_occurred ON callback_event (occurred_at, id);
