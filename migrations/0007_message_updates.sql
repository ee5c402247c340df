-- messages_unsent held the same rows as messages_outbox (replies not yet sent) ordered by age,
-- for the outbox reconciliation that runs once a minute; it cost an index entry on every reply's
-- insert and on its send attempt (about 4 % of the WAL written per message). The reconciliation
-- now reads messages_outbox, which holds only the replies not yet sent, and sorts them.
DROP INDEX messages_unsent;
