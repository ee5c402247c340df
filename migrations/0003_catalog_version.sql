-- A tenant's catalog version: bumped in the same transaction by every change to what the worker
-- caches per tenant (items, volume discounts, pricing rules, freight rules, text overrides), so
-- a worker that reads a version equal to its cached one may quote from its cache. Triggers,
-- not the writers, bump it: no writer (CLI, panel, psql) can forget to.
ALTER TABLE tenants ADD COLUMN catalog_version bigint NOT NULL DEFAULT 0;

-- Once per statement and tenant, whatever the number of rows the statement changed.
CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE tenants SET catalog_version = catalog_version + 1
     WHERE id IN (SELECT tenant_id FROM changed_new);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE tenants SET catalog_version = catalog_version + 1
     WHERE id IN (SELECT tenant_id FROM changed_old);
  ELSE
    UPDATE tenants SET catalog_version = catalog_version + 1
     WHERE id IN (SELECT tenant_id FROM changed_new UNION SELECT tenant_id FROM changed_old);
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  cached text;
BEGIN
  FOREACH cached IN ARRAY ARRAY['items', 'volume_discounts', 'pricing_rules', 'freight_rules',
                                'message_templates'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_version_insert AFTER INSERT ON %1$I '
                   'REFERENCING NEW TABLE AS changed_new '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()', cached);
    EXECUTE format('CREATE TRIGGER %1$s_version_update AFTER UPDATE ON %1$I '
                   'REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()', cached);
    EXECUTE format('CREATE TRIGGER %1$s_version_delete AFTER DELETE ON %1$I '
                   'REFERENCING OLD TABLE AS changed_old '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()', cached);
  END LOOP;
END $$;
