-- The unique index on provider_message_id held an entry for every reply not yet sent (NULL until
-- WhatsApp answers with its id): an index write on each reply's insert that no lookup uses, since
-- every query on the column names a value. The uniqueness of the ids is unchanged (NULLs were
-- never constrained); ON CONFLICT names the predicate (… WHERE provider_message_id IS NOT NULL).
CREATE UNIQUE INDEX messages_provider_message_id ON messages (provider_message_id)
  WHERE provider_message_id IS NOT NULL;
ALTER TABLE messages DROP CONSTRAINT messages_provider_message_id_key;
