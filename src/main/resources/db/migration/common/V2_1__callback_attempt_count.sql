-- How many dial attempts a callback has, kept beside the attempts themselves: the supervisor's
-- list shows and sorts by it without counting callback_attempt rows for every callback.
ALTER TABLE callback ADD COLUMN attempt_count INTEGER DEFAULT 0 NOT NULL;
UPDATE callback SET attempt_count =
  (SELECT COUNT(*) FROM callback_attempt a WHERE a.callback_id = callback.id);
