-- Change numbers for the feeds are given after commit instead of inside each write.
--
-- A write leaves change_seq at 0, not numbered yet, and its transaction id in change_xid. Before a feed read, one
-- session at a time numbers the committed rows at 0 from permit_change_seq, in change_xid order, and records per
-- client the highest number given in permit_change_counters, which writers no longer touch. The sequence is shared
-- by all clients, so a client's numbers keep growing but are no longer consecutive.
ALTER TABLE permits ADD COLUMN change_xid xid8;

-- Set apart from ADD COLUMN, so that existing rows keep NULL instead of all getting this migration's id.
ALTER TABLE permits ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();

-- Numbers continue above every number handed out so far, so feed tokens issued before this migration stay valid.
-- The default cache of 1 matters: a session that cached numbers could hand out one below another session's.
CREATE SEQUENCE permit_change_seq AS bigint;

SELECT setval(
    'permit_change_seq',
    GREATEST(
        (SELECT COALESCE(MAX(last_seq), 0) FROM permit_change_counters),
        (SELECT COALESCE(MAX(change_seq), 0) FROM permits)) + 1,
    false);

-- The rows still to number, in the order they are numbered.
CREATE INDEX permits_change_pending ON permits (change_xid, id) WHERE change_seq = 0;
