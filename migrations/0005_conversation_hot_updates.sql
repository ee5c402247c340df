-- Conversations are rewritten on every turn (state, captured data, updated_at). The inbox index
-- held updated_at, so no such update could be HOT: each wrote a new entry in all three of the
-- table's indexes, and the indexes of a busy store's few hundred active conversations grew with
-- every message. The inbox now finds a store's conversations by (tenant, needs_human) and sorts
-- them by updated_at (an incremental sort under its LIMIT), and pages keep room for the new
-- versions of their rows.
DROP INDEX conversations_inbox;
CREATE INDEX conversations_inbox ON conversations (tenant_id, needs_human);
ALTER TABLE conversations SET (fillfactor = 80);
