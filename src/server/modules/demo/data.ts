/**
 * The demo region: Kabupaten Tanah Bumbu (Kalimantan Selatan, 63.10). Its kecamatan and
 * desa/kelurahan come from the official region data; the OPDs, units and services below
 * are typical of an Indonesian kabupaten, written for the demo (DATA DEMO — not the
 * regency's official organisation chart). Offices sit in the government quarter at
 * Gunungtinggi, Batu Licin. Head names are left empty on purpose: no real official is
 * named. `kecamatan` names an office's kecamatan as the data spells it.
 */
import type { OpdType } from '../organisation/tables.js';
import type { Role } from '../auth/tables.js';

export const DEMO_CODE = '63.10';
export const DEMO_SLUG = 'tanah-bumbu';
export const DEMO_NAME = 'Kabupaten Tanah Bumbu';
/** Printed at start and written in the README: the demo is for trying Prima out. */
export const DEMO_PASSWORD = 'PrimaDemo#2026';

export interface DemoUnit {
  name: string;
  address?: string;
  /** Kecamatan name, as in the region data. */
  kecamatan?: string;
  services: string[];
}

export interface DemoOpd {
  name: string;
  shortName: string;
  type: OpdType;
  headTitle: string;
  kecamatan?: string;
  units: DemoUnit[];
}

const PERKANTORAN = 'Kawasan Perkantoran Pemerintah Kabupaten, Gunungtinggi, Batu Licin';

const dinas = (name: string, shortName: string, units: DemoUnit[], type: OpdType = 'dinas', headTitle = 'Kepala Dinas'): DemoOpd => ({
  name,
  shortName,
  type,
  headTitle,
  kecamatan: 'Batu Licin',
  units,
});
const unit = (name: string, services: string[], kecamatan = 'Batu Licin', address = PERKANTORAN): DemoUnit => ({ name, services, kecamatan, address });

const puskesmas = (place: string, kecamatan: string): DemoOpd => ({
  name: `Puskesmas ${place}`,
  shortName: `PKM ${place}`,
  type: 'puskesmas',
  headTitle: 'Kepala Puskesmas',
  kecamatan,
  units: [
    unit(`Puskesmas ${place}`, ['Pemeriksaan Umum', 'Kesehatan Ibu dan Anak (KIA)', 'Imunisasi', 'Pelayanan Kesehatan Gigi dan Mulut'], kecamatan, `Kecamatan ${kecamatan}`),
  ],
});

const kecamatanOffice = (kecamatan: string): DemoOpd => ({
  name: `Kecamatan ${kecamatan}`,
  shortName: `Kec. ${kecamatan}`,
  type: 'kecamatan',
  headTitle: 'Camat',
  kecamatan,
  units: [
    unit(
      `Pelayanan Administrasi Terpadu Kecamatan (PATEN) ${kecamatan}`,
      ['Legalisasi Dokumen Kependudukan', 'Surat Keterangan Ahli Waris', 'Rekomendasi Izin Keramaian', 'Surat Keterangan Domisili Usaha'],
      kecamatan,
      `Kantor Camat ${kecamatan}`,
    ),
  ],
});

export const DEMO_OPDS: DemoOpd[] = [
  dinas('Dinas Kependudukan dan Pencatatan Sipil', 'Disdukcapil', [
    unit('Pelayanan Dukcapil Kantor Dinas', ['KTP-el', 'Kartu Keluarga', 'Akta Kelahiran', 'Akta Kematian', 'Kartu Identitas Anak (KIA)', 'Surat Keterangan Pindah']),
    unit('Loket Dukcapil Mal Pelayanan Publik', ['KTP-el', 'Kartu Keluarga', 'Akta Kelahiran']),
  ]),
  dinas('Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'DPMPTSP', [
    unit('Mal Pelayanan Publik Tanah Bumbu', [
      'Persetujuan Bangunan Gedung (PBG)',
      'Nomor Induk Berusaha (NIB)',
      'Sertifikat Laik Fungsi (SLF)',
      'Surat Izin Praktik Tenaga Kesehatan',
      'Izin Reklame',
    ]),
    unit('Bidang Pengaduan dan Informasi Perizinan', ['Konsultasi Perizinan Berusaha (OSS)', 'Pengaduan Layanan Perizinan']),
  ]),
  {
    name: 'RSUD dr. H. Andi Abdurrahman Noor',
    shortName: 'RSUD',
    type: 'rsud',
    headTitle: 'Direktur',
    kecamatan: 'Simpang Empat',
    units: [
      unit('Instalasi Rawat Jalan', ['Rawat Jalan Poliklinik Umum', 'Rawat Jalan Poliklinik Anak', 'Rawat Jalan Poliklinik Penyakit Dalam'], 'Simpang Empat', 'Kecamatan Simpang Empat'),
      unit('Instalasi Gawat Darurat (IGD)', ['Pelayanan Gawat Darurat 24 Jam', 'Ambulans Gawat Darurat'], 'Simpang Empat', 'Kecamatan Simpang Empat'),
      unit('Instalasi Rawat Inap', ['Rawat Inap', 'Pelayanan Persalinan'], 'Simpang Empat', 'Kecamatan Simpang Empat'),
    ],
  },
  dinas('Dinas Kesehatan', 'Dinkes', [
    unit('Bidang Sumber Daya Kesehatan', ['Rekomendasi Surat Izin Praktik Tenaga Kesehatan', 'Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)']),
    unit('Instalasi Farmasi Kabupaten', ['Distribusi Obat dan Perbekalan Kesehatan ke Puskesmas']),
  ]),
  puskesmas('Batulicin', 'Batu Licin'),
  puskesmas('Simpang Empat', 'Simpang Empat'),
  puskesmas('Pagatan', 'Kusan Hilir'),
  puskesmas('Satui', 'Satui'),
  dinas('Dinas Pendidikan dan Kebudayaan', 'Disdikbud', [
    unit('Bidang Pembinaan Sekolah Dasar dan Menengah Pertama', ['Legalisir Ijazah', 'Surat Keterangan Pindah Sekolah (Mutasi Siswa)', 'Surat Keterangan Pengganti Ijazah']),
    unit('Bidang Pendidikan Anak Usia Dini dan Nonformal', ['Rekomendasi Izin Operasional Satuan PAUD', 'Pendaftaran Kesetaraan Paket A/B/C']),
  ]),
  dinas('Dinas Pekerjaan Umum dan Penataan Ruang', 'PUPR', [
    unit('Bidang Bina Marga', ['Pengaduan Kerusakan Jalan dan Jembatan', 'Rekomendasi Teknis Pemanfaatan Ruang Milik Jalan']),
    unit('Bidang Cipta Karya dan Tata Bangunan', ['Pertimbangan Teknis Persetujuan Bangunan Gedung', 'Keterangan Rencana Kota (KRK)']),
    unit('Bidang Sumber Daya Air', ['Pengaduan Saluran Drainase dan Irigasi']),
  ]),
  dinas('Dinas Perhubungan', 'Dishub', [
    unit('UPT Pengujian Kendaraan Bermotor', ['Uji Berkala Kendaraan Bermotor (KIR)']),
    unit('Bidang Lalu Lintas dan Angkutan', ['Rekomendasi Analisis Dampak Lalu Lintas (Andalalin)', 'Pengaduan Penerangan Jalan Umum']),
  ]),
  dinas('Dinas Lingkungan Hidup', 'DLH', [
    unit('Bidang Tata Lingkungan', ['Persetujuan Lingkungan (UKL-UPL dan SPPL)', 'Pengaduan Pencemaran Lingkungan']),
    unit('UPT Pengelolaan Sampah', ['Pengangkutan Sampah Permukiman', 'Penyediaan Tempat Sampah Kawasan']),
  ]),
  dinas('Dinas Sosial', 'Dinsos', [
    unit('Bidang Perlindungan dan Jaminan Sosial', ['Usulan Data Terpadu Kesejahteraan Sosial (DTKS)', 'Rekomendasi Penerima Bantuan Iuran Jaminan Kesehatan']),
    unit('Bidang Rehabilitasi Sosial', ['Pendampingan Penyandang Disabilitas', 'Penanganan Orang Terlantar']),
  ]),
  dinas('Dinas Komunikasi dan Informatika', 'Diskominfo', [
    unit('Bidang Informasi dan Komunikasi Publik', ['Layanan Informasi Publik (PPID)', 'Pengelolaan Pengaduan SP4N-LAPOR!']),
    unit('Bidang Aplikasi Informatika', ['Pembuatan Subdomain dan Surel Dinas']),
  ]),
  dinas('Dinas Pertanian', 'Distan', [
    unit('Bidang Penyuluhan Pertanian', ['Penyuluhan Pertanian Lapangan', 'Rekomendasi Pupuk Bersubsidi (e-RDKK)']),
    unit('UPT Pusat Kesehatan Hewan', ['Pelayanan Kesehatan Hewan', 'Vaksinasi Rabies']),
  ]),
  dinas('Dinas Perikanan', 'Diskan', [
    unit('Bidang Perikanan Tangkap', ['Kartu Pelaku Usaha Kelautan dan Perikanan (KUSUKA)', 'Rekomendasi BBM Bersubsidi untuk Nelayan']),
    unit('Bidang Perikanan Budidaya', ['Penyuluhan Perikanan Budidaya']),
  ]),
  dinas('Dinas Koperasi, Usaha Kecil dan Menengah', 'Diskop UKM', [
    unit('Bidang Usaha Mikro', ['Pendaftaran Izin Usaha Mikro', 'Konsultasi dan Pendampingan UMKM']),
    unit('Bidang Koperasi', ['Pendampingan Pembentukan Koperasi']),
  ]),
  dinas('Dinas Pariwisata', 'Dispar', [unit('Bidang Destinasi dan Industri Pariwisata', ['Tanda Daftar Usaha Pariwisata (TDUP)', 'Informasi Destinasi Wisata'])]),
  dinas('Dinas Tenaga Kerja dan Transmigrasi', 'Disnakertrans', [
    unit('Bidang Penempatan Tenaga Kerja', ['Kartu Pencari Kerja (AK/I)', 'Informasi Lowongan Kerja']),
    unit('Bidang Hubungan Industrial', ['Mediasi Perselisihan Hubungan Industrial']),
  ]),
  dinas('Badan Perencanaan Pembangunan Daerah', 'Bappeda', [unit('Bidang Data dan Evaluasi', ['Layanan Data Perencanaan Pembangunan', 'Konsultasi Usulan Musrenbang'])], 'badan', 'Kepala Badan'),
  dinas('Badan Pendapatan Daerah', 'Bapenda', [unit('Bidang Pajak Daerah', ['Pembayaran PBB-P2', 'Validasi BPHTB', 'Pendaftaran Wajib Pajak Daerah'])], 'badan', 'Kepala Badan'),
  dinas('Badan Penanggulangan Bencana Daerah', 'BPBD', [
    unit('Pusat Pengendalian Operasi (Pusdalops)', ['Pelaporan Kejadian Bencana 24 Jam', 'Penanganan Darurat Bencana']),
    unit('Bidang Pencegahan dan Kesiapsiagaan', ['Sosialisasi Kesiapsiagaan Bencana']),
  ], 'badan', 'Kepala Pelaksana'),
  dinas('Satuan Polisi Pamong Praja', 'Satpol PP', [
    unit('Bidang Ketertiban Umum', ['Penanganan Pengaduan Ketertiban Umum', 'Pengamanan Kegiatan Masyarakat']),
    unit('Bidang Pemadam Kebakaran', ['Pemadaman Kebakaran', 'Evakuasi dan Penyelamatan']),
  ], 'lainnya', 'Kepala Satuan'),
  dinas('Inspektorat Daerah', 'Inspektorat', [unit('Inspektur Pembantu Bidang Investigasi', ['Penanganan Pengaduan Masyarakat (Whistleblowing)', 'Konsultasi Pengawasan'])], 'inspektorat', 'Inspektur'),
  dinas('Bagian Organisasi Sekretariat Daerah', 'Bag. Organisasi', [
    unit('Subbagian Pelayanan Publik dan Tata Laksana', ['Fasilitasi Penyusunan Standar Pelayanan', 'Survei Kepuasan Masyarakat Terpadu', 'Meja Pengaduan Pelayanan Publik']),
  ], 'bagian', 'Kepala Bagian'),
  kecamatanOffice('Batu Licin'),
  kecamatanOffice('Simpang Empat'),
  kecamatanOffice('Kusan Hilir'),
  kecamatanOffice('Satui'),
  kecamatanOffice('Kuranji'),
];

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
  /** Short name of the OPD for operator_opd / kepala_opd. */
  opd?: string;
  /** Shown next to the account when printed (e.g. which pimpinan). */
  note?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'superadmin', email: 'superadmin@demo.prima.id', name: 'Superadmin Demo' },
  { role: 'admin', email: 'admin@demo.prima.id', name: 'Admin Demo' },
  { role: 'verifikator', email: 'verifikator@demo.prima.id', name: 'Verifikator Demo', note: 'Bagian Organisasi' },
  { role: 'pimpinan', email: 'bupati@demo.prima.id', name: 'Bupati (Demo)', note: 'Bupati' },
  { role: 'pimpinan', email: 'sekda@demo.prima.id', name: 'Sekretaris Daerah (Demo)', note: 'Sekda' },
  { role: 'inspektorat', email: 'inspektorat@demo.prima.id', name: 'Auditor Inspektorat Demo' },
  { role: 'kepala_opd', email: 'kepala.pupr@demo.prima.id', name: 'Kepala Dinas PUPR (Demo)', opd: 'PUPR' },
  { role: 'operator_opd', email: 'operator.pupr@demo.prima.id', name: 'Operator PUPR Demo', opd: 'PUPR' },
  { role: 'operator_opd', email: 'operator.disdukcapil@demo.prima.id', name: 'Operator Disdukcapil Demo', opd: 'Disdukcapil' },
  { role: 'warga', email: 'warga@demo.prima.id', name: 'Warga Demo' },
];
