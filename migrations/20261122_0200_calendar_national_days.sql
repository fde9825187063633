-- National days off for 2025 and 2026: libur nasional and cuti bersama, each with the
-- decree that sets it (docs/adr/0008-working-day-calendar.md). Reference data shared by
-- all tenants; a later year gets its own migration once its decrees are published.
-- Names in Bahasa Indonesia, as the decrees write them.
--
-- Sources, 2025:
--   SKB Menteri Agama, Menteri Ketenagakerjaan, dan Menteri PANRB Nomor 1017 Tahun 2024,
--   Nomor 2 Tahun 2024, Nomor 2 Tahun 2024 (14 Oktober 2024): 17 libur nasional, 10 cuti
--   bersama; Keppres 2/2025 (16 Januari 2025) sets the same 10 cuti bersama for ASN;
--   SKB Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025 (7 Agustus 2025)
--   amends the 2025 SKB: one more cuti bersama on 18 August 2025.
-- Sources, 2026:
--   SKB Menteri Agama, Menteri Ketenagakerjaan, dan Menteri PANRB Nomor 1497 Tahun 2025,
--   Nomor 2 Tahun 2025, Nomor 5 Tahun 2025: 17 libur nasional, 8 cuti bersama;
--   Keppres 42/2025 (31 Desember 2025): cuti bersama of ASN in 2026 (same 8 days).

INSERT INTO national_day_off (date, kind, name, legal_source) VALUES
-- 2025: libur nasional ------------------------------------------------------------------
('2025-01-01', 'libur_nasional', 'Tahun Baru 2025 Masehi', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-01-27', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-01-29', 'libur_nasional', 'Tahun Baru Imlek 2576 Kongzili', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-03-29', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1947)', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-03-31', 'libur_nasional', 'Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-04-01', 'libur_nasional', 'Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-04-18', 'libur_nasional', 'Wafat Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-04-20', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-05-01', 'libur_nasional', 'Hari Buruh Internasional', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-05-12', 'libur_nasional', 'Hari Raya Waisak 2569 BE', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-05-29', 'libur_nasional', 'Kenaikan Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-06-01', 'libur_nasional', 'Hari Lahir Pancasila', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-06-06', 'libur_nasional', 'Hari Raya Iduladha 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-06-27', 'libur_nasional', '1 Muharam Tahun Baru Islam 1447 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-09-05', 'libur_nasional', 'Maulid Nabi Muhammad SAW', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
('2025-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025'),
-- 2025: cuti bersama --------------------------------------------------------------------
('2025-01-28', 'cuti_bersama', 'Cuti Bersama Tahun Baru Imlek 2576 Kongzili', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-03-28', 'cuti_bersama', 'Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1947)', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-04-02', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-04-03', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-04-04', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-04-07', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-05-13', 'cuti_bersama', 'Cuti Bersama Hari Raya Waisak 2569 BE', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-05-30', 'cuti_bersama', 'Cuti Bersama Kenaikan Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-06-09', 'cuti_bersama', 'Cuti Bersama Hari Raya Iduladha 1446 H', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
('2025-08-18', 'cuti_bersama', 'Cuti Bersama Proklamasi Kemerdekaan (HUT ke-80 RI)', 'SKB Menag/Menaker/MenPANRB No. 933/2025, 1/2025, 3/2025 tentang Perubahan atas SKB No. 1017/2024, 2/2024, 2/2024 (Hari Libur Nasional dan Cuti Bersama Tahun 2025)'),
('2025-12-26', 'cuti_bersama', 'Cuti Bersama Kelahiran Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1017/2024, 2/2024, 2/2024; Keppres No. 2 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2025'),
-- 2026: libur nasional (DOMAIN.md §2) ---------------------------------------------------
('2026-01-01', 'libur_nasional', 'Tahun Baru 2026 Masehi', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-01-16', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-02-17', 'libur_nasional', 'Tahun Baru Imlek 2577 Kongzili', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-03-19', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-03-21', 'libur_nasional', 'Hari Raya Idulfitri 1447 H', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-03-22', 'libur_nasional', 'Hari Raya Idulfitri 1447 H', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-04-03', 'libur_nasional', 'Wafat Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-04-05', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-05-01', 'libur_nasional', 'Hari Buruh Internasional', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-05-14', 'libur_nasional', 'Kenaikan Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-05-27', 'libur_nasional', 'Hari Raya Iduladha 1447 H', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-05-31', 'libur_nasional', 'Hari Raya Waisak 2570 BE', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-06-01', 'libur_nasional', 'Hari Lahir Pancasila', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-06-16', 'libur_nasional', '1 Muharam Tahun Baru Islam 1448 H', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-08-25', 'libur_nasional', 'Maulid Nabi Muhammad SAW', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
('2026-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus', 'SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026'),
-- 2026: cuti bersama (DOMAIN.md §2) -----------------------------------------------------
('2026-02-16', 'cuti_bersama', 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-03-18', 'cuti_bersama', 'Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-03-20', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1447 H', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-03-23', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1447 H', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-03-24', 'cuti_bersama', 'Cuti Bersama Hari Raya Idulfitri 1447 H', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-05-15', 'cuti_bersama', 'Cuti Bersama Kenaikan Yesus Kristus', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-05-28', 'cuti_bersama', 'Cuti Bersama Hari Raya Iduladha 1447 H', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025'),
('2026-12-24', 'cuti_bersama', 'Cuti Bersama Kelahiran Yesus Kristus', 'Keppres No. 42 Tahun 2025 tentang Cuti Bersama Pegawai ASN Tahun 2026; SKB Menag/Menaker/MenPANRB No. 1497/2025, 2/2025, 5/2025');
