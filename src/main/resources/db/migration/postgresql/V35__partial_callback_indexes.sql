-- Every step of a callback changes its state, an indexed column, so on PostgreSQL each step is an update
-- that cannot stay on its page (no HOT update): the new row version gets an entry in every index of the
-- table, fifteen of them, whether or not that index's columns changed. Most of those columns are empty
-- for most callbacks (no owner, no agent assigned, not ended), and every query that uses their indexes
-- asks for a value (=, <=), never for an empty one. As partial indexes of the rows that have a value, an
-- empty column adds no entry: a step of a callback without owner, agent or end writes 7 index entries
-- instead of 15, and the indexes hold only the rows they find. Derby has no partial indexes, and it
-- updates only the indexes whose columns changed.
DROP INDEX ix_callback_assigned;
CREATE INDEX ix_callback_assigned ON callback (assigned_agent_id) WHERE assigned_agent_id IS NOT NULL;
DROP INDEX ix_callback_owner;
CREATE INDEX ix_callback_owner ON callback (owner_agent_id) WHERE owner_agent_id IS NOT NULL;
DROP INDEX ix_callback_preferred;
CREATE INDEX ix_callback_preferred ON callback (preferred_agent_id) WHERE preferred_agent_id IS NOT NULL;
DROP INDEX ix_callback_scheduled_by;
CREATE INDEX ix_callback_scheduled_by ON callback (scheduled_by_agent_id)
  WHERE scheduled_by_agent_id IS NOT NULL;
DROP INDEX ix_callback_ownership_end;
CREATE INDEX ix_callback_ownership_end ON callback (ownership_expires_at)
  WHERE ownership_expires_at IS NOT NULL;
DROP INDEX ix_callback_ownership_alert;
CREATE INDEX ix_callback_ownership_alert ON callback (ownership_alert_at)
  WHERE ownership_alert_at IS NOT NULL;
DROP INDEX ix_callback_ended;
CREATE INDEX ix_callback_ended ON callback (ended_at, erased_at) WHERE ended_at IS NOT NULL;
-- the unique constraint's own index (uq_callback_interaction) serves the same lookups
DROP INDEX ix_callback_interaction_fk;
