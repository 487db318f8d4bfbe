-- Idempotency-Key on creates: what each caller's key answered, so a retried create gets the first
-- answer again instead of making a second resource. The row is claimed (status NULL: in flight) in
-- a short transaction of its own, then filled in the transaction of the create itself; the primary
-- key makes a second claim of the same key fail on any number of instances. Rows older than the
-- key lifetime (24 h) are purged. The response body is a TEXT: a callback with its data has no
-- useful upper bound on postgresql's VARCHAR.
CREATE TABLE idempotency_key (
  caller VARCHAR(200) NOT NULL,
  idem_key VARCHAR(255) NOT NULL,
  -- SHA-256 (hex) of the method, path and canonical JSON of the request
  request_hash VARCHAR(64) NOT NULL,
  -- epoch milliseconds
  created_at BIGINT NOT NULL,
  -- NULL while the create is in flight
  status INTEGER,
  response_body TEXT,
  location VARCHAR(2000),
  etag VARCHAR(100),
  PRIMARY KEY (caller, idem_key)
);
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
