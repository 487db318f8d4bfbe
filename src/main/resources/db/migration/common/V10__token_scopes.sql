-- Least privilege for integrations: a token carries scopes (comma-separated) instead of one role, may
-- expire, and records when it was last used; events:read may be limited to queues (comma-separated ids).
-- The role column stays as the way the token was issued ('SCOPES' for tokens issued with scopes).
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(500);
ALTER TABLE api_token ADD COLUMN event_queue_ids VARCHAR(1000);
ALTER TABLE api_token ADD COLUMN expires_at BIGINT;
ALTER TABLE api_token ADD COLUMN last_used_at BIGINT;

-- what each role of earlier releases allowed a token (an AGENT token had no agent: nothing)
UPDATE api_token SET scopes = 'callbacks:create,callbacks:read,interactions:write' WHERE role = 'INTEGRATION';
UPDATE api_token SET scopes = 'admin' WHERE role = 'ADMIN';
UPDATE api_token SET scopes = 'callbacks:create,callbacks:read,callbacks:manage,events:read' WHERE role = 'SUPERVISOR';
UPDATE api_token SET scopes = '' WHERE scopes IS NULL;

-- who reported an interaction: a token reads back only those it reported
ALTER TABLE interaction ADD COLUMN created_by VARCHAR(100);
