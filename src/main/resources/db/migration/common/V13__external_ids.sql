-- Ids of queues and agents in another system (the Genesys Cloud UUIDs of the same queue or agent), so
-- the Genesys-compatible endpoints can name them as Genesys does. Optional; unique where given.
ALTER TABLE queue ADD COLUMN external_id VARCHAR(100);
ALTER TABLE queue ADD CONSTRAINT uq_queue_external_id UNIQUE (external_id);
ALTER TABLE agent ADD COLUMN external_id VARCHAR(100);
ALTER TABLE agent ADD CONSTRAINT uq_agent_external_id UNIQUE (external_id);
