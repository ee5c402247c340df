-- Unprocessed inbound messages indexed by customer. The worker asks for a customer's unprocessed
-- messages (in order) under the customer's lock for every message it processes; answered from an
-- index of every customer's unprocessed messages by time, each lookup read the whole backlog:
-- thousands of rows per message in a burst. The periodic search for stale messages
-- (created_at < …) reads this index whole instead, which holds only what waits to be processed.
DROP INDEX messages_unprocessed;
CREATE INDEX messages_unprocessed ON messages (tenant_id, channel_id, peer_phone, seq)
  WHERE direction = 'inbound' AND processed_at IS NULL;

-- Outbound idempotency keys in a partial unique index: a plain (tenant_id, purpose_key) index
-- also held every inbound message (purpose_key NULL), and with statistics taken while the table
-- was nearly empty the planner used it to find one message by tenant and id, reading all the
-- tenant's messages. ON CONFLICT names the predicate (… WHERE purpose_key IS NOT NULL).
ALTER TABLE messages DROP CONSTRAINT messages_tenant_id_purpose_key_key;
CREATE UNIQUE INDEX messages_purpose_key ON messages (tenant_id, purpose_key)
  WHERE purpose_key IS NOT NULL;
