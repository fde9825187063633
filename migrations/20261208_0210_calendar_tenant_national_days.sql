-- Loading a year's national days off from the application (docs/adr/0025-calendar-year-end.md).
--
-- national_day_off stays the reference table of libur nasional and cuti bersama. Rows
-- shipped by migrations, and rows a superadmin imports, are global (tenant_id NULL). A
-- tenant's admin may import a year for their own region before the platform ships it:
-- those rows carry the tenant's id and count for that tenant only, so one tenant can never
-- change another's calendar. A tenant's calendar is the global rows plus its own.

ALTER TABLE national_day_off ADD COLUMN tenant_id uuid REFERENCES tenant(id) ON DELETE CASCADE;
ALTER TABLE national_day_off ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- The old key (date, kind) cannot hold a global row and a tenant's row of the same day, and
-- a primary key cannot contain a nullable column: one unique index per scope instead. The
-- date leads, so reading a year's rows stays a range scan.
ALTER TABLE national_day_off DROP CONSTRAINT national_day_off_pkey;
CREATE UNIQUE INDEX national_day_off_uq ON national_day_off
  (date, kind, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX national_day_off_tenant_idx ON national_day_off (tenant_id, date) WHERE tenant_id IS NOT NULL;
