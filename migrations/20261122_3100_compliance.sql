-- Compliance self-assessment (issue #5 [D], second half): Ombudsman-style compliance and
-- the KemenPANRB PEKPPP evaluation on one machinery. Rules: shared/docs/DOMAIN.md §4–§5;
-- design: docs/adr/0020-compliance-methods.md.

-- Assessment methods are versioned data. tenant_id NULL: a reference method shipped with
-- Prima (read by every tenant, never changed by one); otherwise a version a tenant's admin
-- added. A version is immutable once stored: a change is a new version, so assessments
-- keep the rules they were scored under. The definition (score range, dimensions with
-- weights, indicators with their scale and weight within the dimension, grade/zone bands
-- closed at both ends with two decimals) is JSON checked by the service
-- (compliance/method-rules.ts) before it is stored.
CREATE TABLE compliance_method (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid REFERENCES tenant(id) ON DELETE CASCADE,
  code            text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  version         text NOT NULL CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
  kind            text NOT NULL CHECK (kind IN ('ombudsman', 'pekppp')),
  subject         text NOT NULL CHECK (subject IN ('unit', 'opd')),
  name            text NOT NULL,
  legal_source    text NOT NULL,
  valid_from_year integer NOT NULL CHECK (valid_from_year BETWEEN 2000 AND 2100),
  note            text,
  range           jsonb NOT NULL,
  dimensions      jsonb NOT NULL,
  indicators      jsonb NOT NULL,
  bands           jsonb NOT NULL,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- One (code, version) among the reference methods and one per tenant; a tenant may not
-- reuse a reference version's name either (checked by the service).
CREATE UNIQUE INDEX compliance_method_global_uq ON compliance_method (code, version) WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX compliance_method_tenant_uq ON compliance_method (tenant_id, code, version) WHERE tenant_id IS NOT NULL;

-- One assessment of a subject (a service unit, or a whole OPD for PEKPPP) for a year under
-- a method version. opd_id is the unit's OPD (kept for the policy and the roll-up).
-- score/grade/zone/label are the engine's result, rewritten in the same transaction as
-- every score change, so lists and roll-ups read them without rescoring.
CREATE TABLE compliance_assessment (
  tenant_id     uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  method_id     uuid NOT NULL REFERENCES compliance_method(id),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  opd_id        uuid NOT NULL,
  unit_id       uuid,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'verified')),
  score         numeric(7,2) NOT NULL DEFAULT 0,
  grade         text,
  zone          text CHECK (zone IN ('hijau', 'kuning', 'merah', 'hitam')),
  label         text,
  scored_count  integer NOT NULL DEFAULT 0,
  override_count integer NOT NULL DEFAULT 0,
  created_by    uuid,
  submitted_at  timestamptz,
  submitted_by  uuid,
  verified_at   timestamptz,
  verified_by   uuid,
  verified_by_label text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, opd_id) REFERENCES opd (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES service_unit (tenant_id, id)
);
CREATE UNIQUE INDEX compliance_assessment_uq ON compliance_assessment
  (tenant_id, method_id, year, opd_id, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX compliance_assessment_year_idx ON compliance_assessment (tenant_id, year, method_id);

-- The score of one indicator: the unit's own value, and the Inspektorat's override beside
-- it (both kept; the override counts), the gap's owner and due date.
CREATE TABLE compliance_score (
  tenant_id        uuid NOT NULL,
  assessment_id    uuid NOT NULL,
  indicator_code   text NOT NULL,
  value            integer,
  note             text,
  gap_owner        text,
  gap_due_date     date,
  override_value   integer,
  override_reason  text,
  override_by      uuid,
  override_by_label text,
  override_at      timestamptz,
  updated_by       uuid,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, assessment_id, indicator_code),
  FOREIGN KEY (tenant_id, assessment_id) REFERENCES compliance_assessment (tenant_id, id) ON DELETE CASCADE,
  CHECK (override_value IS NULL OR (override_reason IS NOT NULL AND length(override_reason) > 0))
);

-- Evidence per indicator: a file (type checked by its content, metadata stripped, bytes
-- here) or a link.
CREATE TABLE compliance_evidence (
  tenant_id       uuid NOT NULL,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  assessment_id   uuid NOT NULL,
  indicator_code  text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('file', 'link')),
  url             text,
  label           text,
  filename        text,
  content_type    text CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes      integer CHECK (size_bytes > 0),
  sha256          text,
  data            bytea,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, assessment_id) REFERENCES compliance_assessment (tenant_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'link' AND url IS NOT NULL AND data IS NULL) OR (kind = 'file' AND data IS NOT NULL AND filename IS NOT NULL AND content_type IS NOT NULL))
);
CREATE INDEX compliance_evidence_idx ON compliance_evidence (tenant_id, assessment_id, indicator_code);

-- Reference methods (DOMAIN.md §4–§5). Weights and bands are the regulation's; the
-- indicator lists are Prima's editable defaults (each row's note says so).
INSERT INTO compliance_method (id, tenant_id, code, version, kind, subject, name, legal_source, valid_from_year, note, range, dimensions, indicators, bands) VALUES
  ('00000000-0000-4000-8000-000000c02021', NULL, 'ombudsman-zona', '2021', 'ombudsman', 'unit', 'Ombudsman RI — kepatuhan standar pelayanan (zona)', 'Ombudsman RI, penilaian kepatuhan standar pelayanan publik (metode s.d. 2021)', 2021, 'Daftar indikator adalah contoh bawaan Prima yang dapat diubah pemda (tambahkan versi baru), bukan teks resmi Ombudsman.',
   '{"min":0,"max":100}'::jsonb,
   '[{"code":"SP","name":"Kepatuhan terhadap standar pelayanan","weight":100}]'::jsonb,
   '[{"code":"SP-01","dimension":"SP","text":"Persyaratan pelayanan dipublikasikan di unit layanan","weight":12,"scale":{"kind":"yesno"},"evidenceHint":"Foto papan/banner persyaratan"},{"code":"SP-02","dimension":"SP","text":"Sistem, mekanisme dan prosedur (alur) pelayanan dipublikasikan","weight":10,"scale":{"kind":"yesno"},"evidenceHint":"Foto bagan alur"},{"code":"SP-03","dimension":"SP","text":"Jangka waktu penyelesaian dipublikasikan","weight":10,"scale":{"kind":"yesno"},"evidenceHint":"Foto informasi waktu layanan"},{"code":"SP-04","dimension":"SP","text":"Biaya/tarif (atau keterangan gratis) dipublikasikan beserta dasar hukumnya","weight":12,"scale":{"kind":"yesno"},"evidenceHint":"Foto informasi biaya"},{"code":"SP-05","dimension":"SP","text":"Produk pelayanan dipublikasikan","weight":8,"scale":{"kind":"yesno"},"evidenceHint":"Foto daftar produk layanan"},{"code":"SP-06","dimension":"SP","text":"Maklumat pelayanan dipajang","weight":10,"scale":{"kind":"yesno"},"evidenceHint":"Foto maklumat"},{"code":"SP-07","dimension":"SP","text":"Sarana dan petugas pengaduan tersedia (kotak, nomor WhatsApp, SP4N-LAPOR!)","weight":12,"scale":{"kind":"yesno"},"evidenceHint":"Foto sarana pengaduan, SK petugas"},{"code":"SP-08","dimension":"SP","text":"Sarana bagi pengguna berkebutuhan khusus tersedia","weight":10,"scale":{"kind":"yesno"},"evidenceHint":"Foto ram, kursi roda, loket prioritas"},{"code":"SP-09","dimension":"SP","text":"Ruang tunggu, toilet dan ruang laktasi tersedia","weight":8,"scale":{"kind":"yesno"},"evidenceHint":"Foto ruang"},{"code":"SP-10","dimension":"SP","text":"Jam pelayanan dipublikasikan dan petugas memakai tanda pengenal","weight":8,"scale":{"kind":"yesno"},"evidenceHint":"Foto papan jam layanan, petugas"}]'::jsonb,
   '[{"min":81,"max":100,"grade":null,"zone":"hijau","label":"Zona Hijau (kepatuhan tinggi)"},{"min":51,"max":80.99,"grade":null,"zone":"kuning","label":"Zona Kuning (kepatuhan sedang)"},{"min":0,"max":50.99,"grade":null,"zone":"merah","label":"Zona Merah (kepatuhan rendah)"}]'::jsonb),
  ('00000000-0000-4000-8000-000000c02022', NULL, 'ombudsman-4d', '2022', 'ombudsman', 'unit', 'Ombudsman RI — penilaian kepatuhan empat dimensi (2022–2024)', 'Ombudsman RI, penilaian kepatuhan penyelenggaraan pelayanan publik (metode 2022–2024)', 2022, 'Bobot dimensi dan rentang nilai sesuai metode 2022–2024; daftar indikator adalah contoh bawaan Prima yang dapat diubah pemda (tambahkan versi baru), bukan teks resmi Ombudsman.',
   '{"min":0,"max":100}'::jsonb,
   '[{"code":"INPUT","name":"Input (kompetensi pelaksana, sarana prasarana)","weight":21.85},{"code":"PROSES","name":"Proses (pemenuhan standar pelayanan)","weight":32.37},{"code":"OUTPUT","name":"Output (persepsi maladministrasi pengguna layanan)","weight":24.24},{"code":"PENGADUAN","name":"Pengelolaan pengaduan","weight":21.54}]'::jsonb,
   '[{"code":"IN-1","dimension":"INPUT","text":"Pelaksana berkompeten dan telah mengikuti pelatihan pelayanan","weight":30,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Sertifikat pelatihan, daftar petugas"},{"code":"IN-2","dimension":"INPUT","text":"Sarana prasarana layanan (ruang tunggu, loket, toilet) memadai","weight":25,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Foto ruang layanan"},{"code":"IN-3","dimension":"INPUT","text":"Sarana bagi penyandang disabilitas dan kelompok rentan tersedia","weight":25,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Foto ram, kursi roda, loket prioritas"},{"code":"IN-4","dimension":"INPUT","text":"Teknologi informasi mendukung pelayanan (antrean, informasi daring)","weight":20,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Tangkapan layar, foto mesin antrean"},{"code":"PR-1","dimension":"PROSES","text":"Standar pelayanan (persyaratan, prosedur, waktu, biaya, produk) ditetapkan dan dipublikasikan","weight":30,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"SK standar pelayanan, foto papan informasi"},{"code":"PR-2","dimension":"PROSES","text":"Maklumat pelayanan ditetapkan dan dipajang","weight":15,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Foto maklumat"},{"code":"PR-3","dimension":"PROSES","text":"Jam pelayanan dipublikasikan dan dipatuhi","weight":15,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Foto papan jam layanan"},{"code":"PR-4","dimension":"PROSES","text":"Survei kepuasan masyarakat dilaksanakan dan hasilnya ditindaklanjuti","weight":20,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Laporan SKM, rencana tindak lanjut"},{"code":"PR-5","dimension":"PROSES","text":"Informasi pelayanan tersedia secara daring","weight":20,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Tautan situs layanan"},{"code":"OUT-1","dimension":"OUTPUT","text":"Pengguna tidak dimintai biaya di luar ketentuan","weight":35,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Rekap wawancara pengguna"},{"code":"OUT-2","dimension":"OUTPUT","text":"Pelayanan selesai dalam jangka waktu standar","weight":35,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Rekap wawancara, log layanan"},{"code":"OUT-3","dimension":"OUTPUT","text":"Petugas melayani dengan sopan dan tidak diskriminatif","weight":30,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Rekap wawancara pengguna"},{"code":"PG-1","dimension":"PENGADUAN","text":"Sarana pengaduan tersedia dan dipublikasikan","weight":25,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Foto sarana pengaduan"},{"code":"PG-2","dimension":"PENGADUAN","text":"Petugas atau unit pengelola pengaduan ditetapkan","weight":25,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"SK pengelola pengaduan"},{"code":"PG-3","dimension":"PENGADUAN","text":"Pengaduan ditindaklanjuti dalam batas waktu","weight":30,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Rekap pengaduan dan tindak lanjut"},{"code":"PG-4","dimension":"PENGADUAN","text":"Pengelolaan pengaduan terhubung ke SP4N-LAPOR!","weight":20,"scale":{"kind":"points","min":0,"max":3},"evidenceHint":"Tangkapan layar akun SP4N-LAPOR!"}]'::jsonb,
   '[{"min":88,"max":100,"grade":"A","zone":"hijau","label":"Tertinggi"},{"min":78,"max":87.99,"grade":"B","zone":"hijau","label":"Tinggi"},{"min":54,"max":77.99,"grade":"C","zone":"kuning","label":"Sedang"},{"min":32,"max":53.99,"grade":"D","zone":"merah","label":"Rendah"},{"min":0,"max":31.99,"grade":"E","zone":"merah","label":"Terendah"}]'::jsonb),
  ('00000000-0000-4000-8000-000000e02023', NULL, 'pekppp', '2023', 'pekppp', 'opd', 'Evaluasi Kinerja Penyelenggaraan Pelayanan Publik (PEKPPP)', 'PermenPANRB 29/2022 jo. 4/2023', 2023, 'Bobot aspek 2023/24 dan tabel kategori sesuai DOMAIN.md §5; daftar indikator adalah contoh bawaan Prima yang dapat diubah pemda.',
   '{"min":1,"max":5}'::jsonb,
   '[{"code":"KEB","name":"Kebijakan Pelayanan","weight":24},{"code":"SDM","name":"Profesionalisme SDM","weight":25},{"code":"SAR","name":"Sarana Prasarana","weight":18},{"code":"SIPP","name":"Sistem Informasi Pelayanan Publik","weight":11},{"code":"KP","name":"Konsultasi dan Pengaduan","weight":10},{"code":"INOV","name":"Inovasi","weight":12}]'::jsonb,
   '[{"code":"KEB-1","dimension":"KEB","text":"Standar pelayanan ditetapkan, dipublikasikan dan dievaluasi","weight":60,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"SK penetapan standar pelayanan, foto papan informasi"},{"code":"KEB-2","dimension":"KEB","text":"Maklumat pelayanan ditetapkan dan dipublikasikan","weight":40,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto maklumat yang dipajang"},{"code":"SDM-1","dimension":"SDM","text":"Pelaksana mematuhi standar pelayanan dan kode etik/kode perilaku","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Kode etik, hasil pemantauan perilaku"},{"code":"SDM-2","dimension":"SDM","text":"Kompetensi pelaksana dan budaya pelayanan (pelatihan, penghargaan, sanksi)","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Sertifikat pelatihan, SK penghargaan"},{"code":"SAR-1","dimension":"SAR","text":"Sarana prasarana pelayanan memadai (ruang tunggu, loket, toilet, parkir)","weight":60,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto ruang pelayanan"},{"code":"SAR-2","dimension":"SAR","text":"Sarana bagi kelompok rentan (penyandang disabilitas, lansia, ibu hamil/menyusui)","weight":40,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto ram, kursi roda, ruang laktasi"},{"code":"SIPP-1","dimension":"SIPP","text":"Sistem informasi pelayanan publik (elektronik atau non-elektronik) tersedia dan mutakhir","weight":100,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Tautan situs/aplikasi layanan"},{"code":"KP-1","dimension":"KP","text":"Sarana konsultasi dan pengaduan tersedia dan dikenal pengguna","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto sarana, tangkapan layar kanal"},{"code":"KP-2","dimension":"KP","text":"Pengaduan ditindaklanjuti dan terhubung ke SP4N-LAPOR!","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Rekap tindak lanjut pengaduan"},{"code":"INOV-1","dimension":"INOV","text":"Inovasi pelayanan publik diterapkan dan direplikasi","weight":100,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Profil inovasi, SK inovasi"}]'::jsonb,
   '[{"min":4.51,"max":5,"grade":"A","zone":null,"label":"Pelayanan Prima"},{"min":4.01,"max":4.5,"grade":"A−","zone":null,"label":"Sangat Baik"},{"min":3.51,"max":4,"grade":"B","zone":null,"label":"Baik","target":true},{"min":3.01,"max":3.5,"grade":"B−","zone":null,"label":"Baik (Dengan Catatan)"},{"min":2.51,"max":3,"grade":"C","zone":null,"label":"Cukup"},{"min":2.01,"max":2.5,"grade":"C−","zone":null,"label":"Cukup (Dengan Catatan)"},{"min":1.51,"max":2,"grade":"D","zone":null,"label":"Buruk"},{"min":1.01,"max":1.5,"grade":"E","zone":null,"label":"Sangat Buruk"},{"min":0,"max":1,"grade":"F","zone":null,"label":"Gagal"}]'::jsonb),
  ('00000000-0000-4000-8000-000000e02017', NULL, 'pekppp', '2017', 'pekppp', 'opd', 'Evaluasi Pelayanan Publik (versi PermenPANRB 17/2017)', 'PermenPANRB 17/2017', 2017, 'Bobot aspek versi lama 30/18/15/15/15/7. Tabel kategori disalin dari versi 2023 (dapat diubah dengan versi baru).',
   '{"min":1,"max":5}'::jsonb,
   '[{"code":"KEB","name":"Kebijakan Pelayanan","weight":30},{"code":"SDM","name":"Profesionalisme SDM","weight":18},{"code":"SAR","name":"Sarana Prasarana","weight":15},{"code":"SIPP","name":"Sistem Informasi Pelayanan Publik","weight":15},{"code":"KP","name":"Konsultasi dan Pengaduan","weight":15},{"code":"INOV","name":"Inovasi","weight":7}]'::jsonb,
   '[{"code":"KEB-1","dimension":"KEB","text":"Standar pelayanan ditetapkan, dipublikasikan dan dievaluasi","weight":60,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"SK penetapan standar pelayanan, foto papan informasi"},{"code":"KEB-2","dimension":"KEB","text":"Maklumat pelayanan ditetapkan dan dipublikasikan","weight":40,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto maklumat yang dipajang"},{"code":"SDM-1","dimension":"SDM","text":"Pelaksana mematuhi standar pelayanan dan kode etik/kode perilaku","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Kode etik, hasil pemantauan perilaku"},{"code":"SDM-2","dimension":"SDM","text":"Kompetensi pelaksana dan budaya pelayanan (pelatihan, penghargaan, sanksi)","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Sertifikat pelatihan, SK penghargaan"},{"code":"SAR-1","dimension":"SAR","text":"Sarana prasarana pelayanan memadai (ruang tunggu, loket, toilet, parkir)","weight":60,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto ruang pelayanan"},{"code":"SAR-2","dimension":"SAR","text":"Sarana bagi kelompok rentan (penyandang disabilitas, lansia, ibu hamil/menyusui)","weight":40,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto ram, kursi roda, ruang laktasi"},{"code":"SIPP-1","dimension":"SIPP","text":"Sistem informasi pelayanan publik (elektronik atau non-elektronik) tersedia dan mutakhir","weight":100,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Tautan situs/aplikasi layanan"},{"code":"KP-1","dimension":"KP","text":"Sarana konsultasi dan pengaduan tersedia dan dikenal pengguna","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Foto sarana, tangkapan layar kanal"},{"code":"KP-2","dimension":"KP","text":"Pengaduan ditindaklanjuti dan terhubung ke SP4N-LAPOR!","weight":50,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Rekap tindak lanjut pengaduan"},{"code":"INOV-1","dimension":"INOV","text":"Inovasi pelayanan publik diterapkan dan direplikasi","weight":100,"scale":{"kind":"points","min":1,"max":5},"evidenceHint":"Profil inovasi, SK inovasi"}]'::jsonb,
   '[{"min":4.51,"max":5,"grade":"A","zone":null,"label":"Pelayanan Prima"},{"min":4.01,"max":4.5,"grade":"A−","zone":null,"label":"Sangat Baik"},{"min":3.51,"max":4,"grade":"B","zone":null,"label":"Baik","target":true},{"min":3.01,"max":3.5,"grade":"B−","zone":null,"label":"Baik (Dengan Catatan)"},{"min":2.51,"max":3,"grade":"C","zone":null,"label":"Cukup"},{"min":2.01,"max":2.5,"grade":"C−","zone":null,"label":"Cukup (Dengan Catatan)"},{"min":1.51,"max":2,"grade":"D","zone":null,"label":"Buruk"},{"min":1.01,"max":1.5,"grade":"E","zone":null,"label":"Sangat Buruk"},{"min":0,"max":1,"grade":"F","zone":null,"label":"Gagal"}]'::jsonb);
