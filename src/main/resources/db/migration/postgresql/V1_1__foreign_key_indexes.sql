-- PostgreSQL does not index foreign keys by itself (Derby does); the engine and the lists use these.
CREATE INDEX ix_queue_member_agent ON queue_member (agent_id);
CREATE INDEX ix_callback_assigned ON callback (assigned_agent_id);
CREATE INDEX ix_callback_owner ON callback (owner_agent_id);
CREATE INDEX ix_callback_preferred ON callback (preferred_agent_id);
CREATE INDEX ix_callback_scheduled_by ON callback (scheduled_by_agent_id);
CREATE INDEX ix_callback_interaction_fk ON callback (interaction_id);
CREATE INDEX ix_callback_attempt_agent ON callback_attempt (agent_id);
