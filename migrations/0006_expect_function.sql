-- orcazap_expect(ok, failure): true when ok, otherwise the statement fails with SQLSTATE OZ409
-- and `failure` as its message. A conditional write that must have found its row (a message
-- not yet processed, a conversation still in the state a decision was taken from) checks its
-- count with it, so that several writes can go in one pipelined implicit transaction: the first
-- that finds nothing aborts the transaction and the writes after it never run. The adapters
-- read OZ409 as a conflict (adapters/postgres/connection.h).
CREATE FUNCTION orcazap_expect(ok boolean, failure text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'OZ409', MESSAGE = failure;
  END IF;
  RETURN true;
END
$$;
