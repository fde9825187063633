/**
 * Demo standards for the Tanah Bumbu demo region (called once from demo/seed.ts inside
 * its transaction): ten published standards (levels 3–5), one in public consultation with
 * citizen comments, one draft, and a published maklumat for each unit involved. Direct
 * inserts, no audit rows per step (the seed itself is audited), well under a second.
 * Fees: only services free by law or by policy are shown as free; no tariff is invented.
 */
import type { Executor } from '../../db/index.js';
import type { TComponents } from '../../../shared/schemas/standards.js';
import { addMonths } from './service.js';

const DUKCAPIL_FREE = 'UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan, Pasal 79A (tidak dipungut biaya)';

function components(o: { laws: string; req: string[]; steps: string[]; days: number; unit?: 'hari_kerja' | 'hari' | 'jam'; free: string; products: string[]; wa: string }): TComponents {
  return {
    dasar_hukum: o.laws,
    persyaratan: o.req,
    prosedur: o.steps,
    jangka_waktu: { value: o.days, unit: o.unit ?? 'hari_kerja' },
    biaya: { kind: 'gratis', legalBasis: o.free },
    produk: o.products,
    sarana_prasarana: '- Ruang tunggu dengan kursi dan pendingin ruangan\n- Loket prioritas untuk lansia, ibu hamil dan penyandang disabilitas\n- Toilet dan ruang laktasi\n- Papan informasi dan nomor antrean',
    kompetensi_pelaksana: 'Pelaksana berpendidikan paling rendah SMA/sederajat, memahami ketentuan layanan dan telah mengikuti pelatihan pelayanan prima.',
    pengawasan_internal: 'Pengawasan melekat oleh atasan langsung dan kepala unit; pemeriksaan berkala oleh Inspektorat Kabupaten.',
    penanganan_pengaduan: [
      { type: 'web', value: 'Formulir pengaduan di /lapor' },
      { type: 'wa', value: o.wa },
      { type: 'box', value: 'Kotak saran di ruang tunggu' },
      { type: 'desk', value: 'Meja pengaduan di ruang layanan' },
    ],
    jumlah_pelaksana: 'Pelaksana loket dan verifikator sesuai jadwal piket unit.',
    jaminan_pelayanan: 'Pelayanan diberikan sesuai standar ini; bila jangka waktu terlampaui, pemohon dapat menyampaikan pengaduan dan akan mendapat tanggapan.',
    jaminan_keamanan: 'Data pribadi pemohon dijaga kerahasiaannya; berkas disimpan di ruang arsip terkunci; ruang layanan dilengkapi APAR dan jalur evakuasi.',
    evaluasi_kinerja: 'Evaluasi kinerja pelaksana setiap triwulan berdasarkan hasil SKM dan pengaduan.',
  };
}

const ADMINDUK = 'UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013\n\n- Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil';
const STEPS_DUKCAPIL = ['Pemohon mengambil nomor antrean', 'Petugas memeriksa kelengkapan berkas', 'Data diverifikasi dan dimasukkan ke SIAK', 'Dokumen dicetak dan ditandatangani secara elektronik', 'Dokumen diserahkan kepada pemohon'];

interface Plan {
  opd: string;
  unitPrefix: string;
  service: string;
  c: TComponents;
  /** 3 established+published, 4 with an answered consultation, 5 also reviewed; 'consultation' or 'draft'. */
  target: 3 | 4 | 5 | 'consultation' | 'draft';
}

const PLANS: Plan[] = [
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'KTP-el', target: 5, c: components({ laws: ADMINDUK, req: ['Telah berusia 17 tahun, sudah kawin atau pernah kawin', 'Fotokopi Kartu Keluarga', 'Surat keterangan hilang dari kepolisian (untuk KTP-el hilang)'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['KTP-el'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'Kartu Keluarga', target: 3, c: components({ laws: ADMINDUK, req: ['Formulir F-1.01 yang telah diisi', 'Buku nikah/akta perkawinan atau akta perceraian', 'Surat keterangan pindah (bagi pendatang)'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['Kartu Keluarga'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'Akta Kelahiran', target: 4, c: components({ laws: ADMINDUK, req: ['Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan atau desa/kelurahan', 'Kartu Keluarga orang tua', 'Buku nikah/akta perkawinan orang tua (bila ada)'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['Kutipan Akta Kelahiran', 'Kartu Keluarga yang diperbarui'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'Akta Kematian', target: 3, c: components({ laws: ADMINDUK, req: ['Surat keterangan kematian dari rumah sakit, puskesmas atau desa/kelurahan', 'Kartu Keluarga almarhum/almarhumah', 'KTP-el pelapor'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['Kutipan Akta Kematian', 'Kartu Keluarga yang diperbarui'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'Kartu Identitas Anak (KIA)', target: 3, c: components({ laws: ADMINDUK, req: ['Kutipan akta kelahiran anak', 'Kartu Keluarga orang tua', 'Pas foto anak berwarna (untuk usia 5 tahun ke atas)'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['Kartu Identitas Anak'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Pelayanan Dukcapil', service: 'Surat Keterangan Pindah', target: 'consultation', c: components({ laws: ADMINDUK, req: ['Kartu Keluarga', 'KTP-el', 'Formulir F-1.03 yang telah diisi'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['Surat Keterangan Pindah Warga Negara Indonesia'], wa: '0811-5000-101 (data demo)' }) },
  { opd: 'Disdukcapil', unitPrefix: 'Loket Dukcapil', service: 'KTP-el', target: 3, c: components({ laws: ADMINDUK, req: ['Telah berusia 17 tahun, sudah kawin atau pernah kawin', 'Fotokopi Kartu Keluarga'], steps: STEPS_DUKCAPIL, days: 1, free: DUKCAPIL_FREE, products: ['KTP-el'], wa: '0811-5000-102 (data demo)' }) },
  { opd: 'DPMPTSP', unitPrefix: 'Mal Pelayanan Publik', service: 'Nomor Induk Berusaha (NIB)', target: 4, c: components({ laws: 'PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko', req: ['NIK pemilik usaha', 'NPWP (bila ada)', 'Alamat dan bidang usaha (KBLI)'], steps: ['Pemohon datang ke loket atau membuka OSS', 'Petugas membantu membuat akun OSS', 'Data usaha diisi dan diperiksa', 'NIB terbit di OSS dan dicetak'], days: 1, free: 'NIB diterbitkan melalui sistem OSS tanpa biaya', products: ['Nomor Induk Berusaha (NIB)'], wa: '0811-5000-201 (data demo)' }) },
  { opd: 'DPMPTSP', unitPrefix: 'Mal Pelayanan Publik', service: 'Persetujuan Bangunan Gedung (PBG)', target: 'draft', c: { dasar_hukum: 'PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung', persyaratan: ['Data pemohon', 'Data tanah', 'Dokumen rencana teknis'] } },
  { opd: 'Disdikbud', unitPrefix: 'Bidang Pembinaan', service: 'Legalisir Ijazah', target: 3, c: components({ laws: 'Permendikbud tentang ijazah dan legalisasi (data demo)', req: ['Ijazah asli', 'Fotokopi ijazah yang akan dilegalisir'], steps: ['Pemohon menyerahkan ijazah asli dan fotokopi', 'Petugas mencocokkan fotokopi dengan aslinya', 'Fotokopi dilegalisir dan dicap', 'Ijazah asli dan fotokopi dikembalikan'], days: 1, free: 'Kebijakan Dinas Pendidikan dan Kebudayaan (data demo): tidak dipungut biaya', products: ['Fotokopi ijazah yang dilegalisir'], wa: '0811-5000-301 (data demo)' }) },
  { opd: 'Kec.', unitPrefix: 'Pelayanan Administrasi Terpadu Kecamatan', service: 'Legalisasi Dokumen Kependudukan', target: 3, c: components({ laws: 'Perpres 4/2010 tentang Pelayanan Administrasi Terpadu Kecamatan', req: ['Dokumen asli', 'Fotokopi dokumen'], steps: ['Pemohon menyerahkan dokumen di loket PATEN', 'Petugas memeriksa keaslian dokumen', 'Camat/pejabat menandatangani legalisasi', 'Dokumen diserahkan'], days: 2, unit: 'jam', free: 'Tidak dipungut biaya (data demo)', products: ['Fotokopi dokumen yang dilegalisasi'], wa: '0811-5000-401 (data demo)' }) },
  { opd: 'Kec.', unitPrefix: 'Pelayanan Administrasi Terpadu Kecamatan', service: 'Surat Keterangan Ahli Waris', target: 3, c: components({ laws: 'Perpres 4/2010 tentang Pelayanan Administrasi Terpadu Kecamatan', req: ['Surat keterangan kematian', 'Kartu Keluarga dan KTP-el para ahli waris', 'Surat pernyataan ahli waris yang diketahui kepala desa/lurah'], steps: ['Pemohon menyerahkan berkas di loket PATEN', 'Petugas memeriksa berkas', 'Camat menandatangani surat keterangan', 'Surat diserahkan'], days: 3, free: 'Tidak dipungut biaya (data demo)', products: ['Surat Keterangan Ahli Waris'], wa: '0811-5000-401 (data demo)' }) },
];

const MAKLUMAT = 'Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai **standar pelayanan** yang telah ditetapkan, dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.';

export async function seedDemoStandards(db: Executor, tenantId: string, now = new Date()): Promise<void> {
  const services = await db
    .selectFrom('service as s')
    .innerJoin('service_unit as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.unit_id'))
    .innerJoin('opd as o', (j) => j.onRef('o.tenant_id', '=', 'u.tenant_id').onRef('o.id', '=', 'u.opd_id'))
    .select(['s.id', 's.name', 'u.id as unit_id', 'u.name as unit_name', 'o.short_name', 'o.head_title'])
    .where('s.tenant_id', '=', tenantId)
    .orderBy('o.short_name').orderBy('u.name')
    .execute();
  const day = 86400_000;
  const units = new Map<string, string>();
  for (const p of PLANS) {
    const s = services.find((x) => x.short_name.startsWith(p.opd) && x.unit_name.startsWith(p.unitPrefix) && x.name === p.service);
    if (!s) continue;
    units.set(s.unit_id, s.short_name);
    const consulted = p.target === 4 || p.target === 5 || p.target === 'consultation';
    const published = typeof p.target === 'number';
    const start = new Date(now.getTime() - (published ? 120 : 2) * day);
    const end = new Date(now.getTime() + (published ? -106 : 12) * day);
    const row = await db.insertInto('service_standard').values({
      tenant_id: tenantId, service_id: s.id, version: 1, status: published ? 'published' : p.target === 'consultation' ? 'consultation' : 'draft',
      components: JSON.stringify(p.c), created_by: null,
      consultation_start: consulted ? start : null, consultation_end: consulted ? end : null,
      decree_number: published ? `Keputusan Kepala ${s.short_name} Nomor 065/${String(PLANS.indexOf(p) + 1).padStart(3, '0')}/${s.short_name}/2026 (data demo)` : null,
      decree_date: published ? new Date(now.getTime() - 90 * day).toISOString().slice(0, 10) : null,
      decree_signer: published ? `Kepala ${s.short_name}` : null,
      signed_pdf: published ? DEMO_PDF : null, signed_pdf_name: published ? 'sk-standar-pelayanan.pdf' : null, signed_pdf_sha256: null,
      flow_image: null, flow_image_type: null,
      established_at: published ? new Date(now.getTime() - 90 * day) : null,
      published_at: published ? new Date(now.getTime() - 88 * day) : null,
      review_due_at: published ? addMonths(new Date(now.getTime() - 88 * day), 12) : null,
      review_completed_at: p.target === 5 ? new Date(now.getTime() - 10 * day) : null,
    }).returning('id').executeTakeFirstOrThrow();
    if (consulted) {
      const answered = p.target !== 'consultation';
      await db.insertInto('standard_comment').values([
        { tenant_id: tenantId, standard_id: row.id, author_name: 'Siti (warga Simpang Empat)', body: 'Mohon jam layanan diperpanjang sampai sore agar pekerja bisa datang.', answer: 'Terima kasih. Loket kini buka sampai pukul 16.00.', answered_by: null, answered_at: new Date(now.getTime() - day) },
        { tenant_id: tenantId, standard_id: row.id, author_name: null, body: 'Apakah fotokopi Kartu Keluarga masih diperlukan kalau data sudah ada di SIAK?', answer: answered ? 'Sudah kami sederhanakan: cukup menunjukkan KK asli.' : null, answered_by: null, answered_at: answered ? new Date(now.getTime() - day) : null },
      ]).execute();
    }
  }
  for (const [unitId, shortName] of units) {
    await db.insertInto('unit_maklumat').values({
      tenant_id: tenantId, unit_id: unitId, version: 1, status: 'published', body: MAKLUMAT,
      signer_name: `Kepala ${shortName} (data demo)`, signer_title: `Kepala ${shortName}`,
      established_at: new Date(now.getTime() - 90 * day), published_at: new Date(now.getTime() - 88 * day),
    }).execute();
  }
}

/** A minimal valid one-page PDF standing in for the scanned, signed decree of the demo. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
