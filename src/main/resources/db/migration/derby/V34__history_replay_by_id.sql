-- Derby only: a reconnecting event stream replays by id here, since one JVM writes the database
-- and takes every history id from one pool in order (EclipseLink's, which the bulk delivery
-- shares), so the index on the time that migration 31 added for the replay costs each step an
-- index entry for nothing. PostgreSQL, where several instances take id blocks side by side,
-- keeps it.
DROP INDEX ix_callback_event_occurred;
