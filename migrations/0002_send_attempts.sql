-- When a worker started sending an outbound text (committed just before the request leaves).
-- Set on a row still 'queued', it means that attempt may have reached WhatsApp: the row is sent
-- again only if no status for it arrives in time (SEND_CONFIRM_SECONDS).
ALTER TABLE messages ADD COLUMN send_attempted_at timestamptz;

-- Unsent replies by age, for the outbox reconciliation.
CREATE INDEX messages_unsent ON messages (created_at)
  WHERE direction = 'outbound' AND status = 'queued';
