-- The single-column CHECK constraints of the tables written for every message become domains.
-- A table's CHECK constraints are read back from their stored text and planned again by every
-- INSERT and UPDATE statement that writes the table (PostgreSQL's ExecRelCheck, about 20 µs per
-- statement for the three of `messages`); a domain's constraints are read and planned once per
-- session (the type cache) and checked the same way, with the same SQLSTATE (23514). The values
-- allowed are unchanged. `messages`' constraint across columns (an inbound message has a provider
-- id, a reply a purpose key and a status) stays a table CHECK.
--
-- The domains are created empty and constrained after the columns take them, so that no table is
-- rewritten: adding a domain's constraint only reads the columns that use it.
CREATE DOMAIN message_direction AS text;
CREATE DOMAIN message_status AS text;
CREATE DOMAIN conversation_state AS text;
CREATE DOMAIN quote_status AS text;
CREATE DOMAIN quote_payment_method AS text;

ALTER TABLE messages
  DROP CONSTRAINT messages_direction_check,
  DROP CONSTRAINT messages_status_check,
  ALTER COLUMN direction TYPE message_direction,
  ALTER COLUMN status TYPE message_status;
ALTER TABLE conversations
  DROP CONSTRAINT conversations_state_check,
  ALTER COLUMN state TYPE conversation_state;
ALTER TABLE quotes
  DROP CONSTRAINT quotes_status_check,
  DROP CONSTRAINT quotes_payment_method_check,
  ALTER COLUMN status TYPE quote_status,
  ALTER COLUMN payment_method TYPE quote_payment_method;

ALTER DOMAIN message_direction ADD CONSTRAINT message_direction_check
  CHECK (VALUE IN ('inbound', 'outbound'));
ALTER DOMAIN message_status ADD CONSTRAINT message_status_check
  CHECK (VALUE IN ('queued', 'sent', 'delivered', 'read', 'failed'));
ALTER DOMAIN conversation_state ADD CONSTRAINT conversation_state_check
  CHECK (VALUE IN ('INBOUND', 'CAPTURE_MIN', 'QUOTE_READY', 'HUMAN_APPROVAL', 'QUOTE_SENT',
                   'WAITING_REPLY', 'WON', 'LOST'));
ALTER DOMAIN quote_status ADD CONSTRAINT quote_status_check
  CHECK (VALUE IN ('draft', 'pending_approval', 'sent', 'won', 'lost', 'expired'));
ALTER DOMAIN quote_payment_method ADD CONSTRAINT quote_payment_method_check
  CHECK (VALUE IN ('pix', 'cartao', 'boleto', 'dinheiro'));
