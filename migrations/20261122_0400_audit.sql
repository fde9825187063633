-- Audit trail, additions to the foundation schema (docs/adr/0005-audit-chain.md).

-- "Everything this person changed" (GET /audit?actorId=, the inspektorat's usual
-- question), newest first, without scanning the tenant's whole trail.
CREATE INDEX audit_log_actor_idx ON audit_log (tenant_id, actor_id, id);

-- TRUNCATE fires no row trigger, so audit_log_guard alone would let it empty the trail.
CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();

-- The chain head only moves forward: the sealer upserts it with a larger last_pos in the
-- same transaction as the rows it seals. Deleting it or moving it back would hide a
-- deleted tail from audit:verify.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id OR NEW.last_pos <= OLD.last_pos THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
