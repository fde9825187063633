-- Organisation: a province tenant also holds its kabupaten/kota as regions, so its
-- kecamatan have a parent to hang from (a regency tenant's kecamatan point at the tenant's
-- own code). Codes follow Kemendagri: PP.KK (kabupaten/kota), PP.KK.CC (kecamatan),
-- PP.KK.CC.DDDD (desa/kelurahan). See docs/adr/0009-region-data.md.
-- Only PostgreSQL 15 features.

ALTER TABLE region DROP CONSTRAINT region_code_check;
ALTER TABLE region ADD CONSTRAINT region_code_check
  CHECK (code ~ '^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$');

ALTER TABLE region DROP CONSTRAINT region_level_check;
ALTER TABLE region ADD CONSTRAINT region_level_check
  CHECK (level IN ('kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan'));

-- GET /regions?level=kecamatan on a province (thousands of rows) without scanning them all.
CREATE INDEX region_level_idx ON region (tenant_id, level, code);
