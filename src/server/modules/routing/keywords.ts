/**
 * Cold start (pure): keyword rules per kind of OPD, recognised by the OPD's type, name and
 * short name (a Dinas PUPR gets jalan, jembatan, drainase…; a Disdukcapil gets ktp, kk,
 * akta…). Generated once per tenant into routing_keyword_rule, then the admin edits them.
 * Matching runs the keywords through the same pipeline as the text (text.ts), so "perbaikan
 * jalan" in a rule and "jln rusak diperbaiki" in a report meet on the stems.
 */
import type { OpdType } from '../organisation/tables.js';
import { tokenize } from './text.js';

interface Kind {
  /** Matches the OPD's lower-cased "name | short name". */
  name: RegExp;
  types?: readonly OpdType[];
  keywords: string[];
}

export const DEFAULT_KINDS: readonly Kind[] = [
  { name: /pekerjaan umum|\bpupr\b|\bpu\b|bina marga/, keywords: ['jalan', 'jembatan', 'drainase', 'selokan', 'saluran', 'gorong', 'aspal', 'berlubang', 'irigasi', 'tanggul', 'trotoar', 'cor', 'banjir', 'talud', 'bangunan'] },
  { name: /kependudukan|dukcapil|pencatatan sipil/, keywords: ['ktp', 'kk', 'kartu keluarga', 'akta', 'kelahiran', 'kematian', 'kia', 'nik', 'domisili', 'pindah datang', 'perekaman', 'blanko'] },
  { name: /perhubungan|dishub/, keywords: ['lampu jalan', 'pju', 'lampu merah', 'rambu', 'parkir', 'angkutan', 'terminal', 'kir', 'macet', 'lalu lintas', 'bus', 'truk'] },
  { name: /lingkungan hidup|\bdlh\b|kebersihan/, keywords: ['sampah', 'limbah', 'pencemaran', 'bau', 'asap', 'tps', 'tpa', 'polusi', 'kebersihan', 'pohon tumbang'] },
  { name: /kesehatan|dinkes/, types: ['dinas'], keywords: ['puskesmas', 'obat', 'dokter', 'bidan', 'imunisasi', 'stunting', 'posyandu', 'demam berdarah', 'vaksin', 'gizi'] },
  { name: /rsud|rumah sakit/, types: ['rsud'], keywords: ['rumah sakit', 'rsud', 'igd', 'rawat inap', 'pasien', 'antrean', 'ambulans', 'perawat', 'bpjs'] },
  { name: /puskesmas|\bpkm\b/, types: ['puskesmas'], keywords: ['puskesmas', 'berobat', 'pasien', 'bidan'] },
  { name: /pendidikan|disdik|sekolah/, keywords: ['sekolah', 'guru', 'murid', 'siswa', 'ppdb', 'zonasi', 'ijazah', 'sd', 'smp', 'paud', 'seragam', 'pungutan sekolah', 'beasiswa'] },
  { name: /sosial|dinsos/, keywords: ['bansos', 'bantuan sosial', 'pkh', 'bpnt', 'dtks', 'miskin', 'disabilitas', 'terlantar', 'odgj', 'lansia', 'blt'] },
  { name: /pertanian|distan|peternakan/, keywords: ['pupuk', 'petani', 'sawah', 'panen', 'benih', 'hama', 'ternak', 'sapi', 'rabies', 'irigasi sawah'] },
  { name: /perikanan|diskan|kelautan/, keywords: ['nelayan', 'ikan', 'tambak', 'kapal', 'perahu', 'kusuka'] },
  { name: /koperasi|umkm|\bukm\b|perdagangan|industri/, keywords: ['umkm', 'koperasi', 'pasar', 'pedagang', 'harga', 'sembako', 'minyak goreng', 'elpiji', 'gas', 'toko'] },
  { name: /pariwisata|dispar|kebudayaan/, keywords: ['wisata', 'pantai', 'objek wisata', 'budaya', 'festival', 'hotel', 'cagar budaya'] },
  { name: /tenaga kerja|disnaker|transmigrasi/, keywords: ['kerja', 'buruh', 'gaji', 'upah', 'phk', 'pesangon', 'lowongan', 'pabrik', 'thr', 'kartu kuning'] },
  { name: /penanaman modal|ptsp|perizinan/, keywords: ['izin', 'perizinan', 'imb', 'pbg', 'nib', 'oss', 'reklame', 'izin usaha'] },
  { name: /komunikasi|informatika|kominfo/, keywords: ['internet', 'wifi', 'website', 'aplikasi', 'sinyal', 'informasi publik', 'ppid', 'hoaks'] },
  { name: /bencana|bpbd/, keywords: ['banjir', 'longsor', 'bencana', 'gempa', 'angin puting beliung', 'kebakaran hutan', 'pengungsi', 'evakuasi', 'rob'] },
  { name: /pamong praja|satpol|pemadam/, keywords: ['pkl', 'pedagang kaki lima', 'ketertiban', 'miras', 'karaoke', 'tempat hiburan', 'kebakaran', 'damkar', 'balap liar', 'gepeng'] },
  { name: /pendapatan|bapenda|pajak/, keywords: ['pajak', 'pbb', 'bphtb', 'retribusi', 'tagihan pajak'] },
  { name: /perencanaan|bappeda/, keywords: ['musrenbang', 'perencanaan', 'usulan pembangunan', 'rencana pembangunan'] },
  { name: /inspektorat/, types: ['inspektorat'], keywords: ['korupsi', 'pungli', 'pungutan liar', 'suap', 'gratifikasi', 'penyalahgunaan', 'asn', 'pns'] },
  { name: /kepegawaian|bkpsdm|\bbkd\b|sumber daya manusia/, keywords: ['asn', 'pns', 'pppk', 'honorer', 'cpns', 'mutasi pegawai', 'tunjangan', 'pensiun'] },
  { name: /perumahan|permukiman|\bperkim\b/, keywords: ['rumah tidak layak huni', 'rtlh', 'bedah rumah', 'perumahan', 'sanitasi', 'air bersih'] },
  { name: /pemberdayaan masyarakat|\bdpmd\b|desa/, types: ['dinas'], keywords: ['dana desa', 'kepala desa', 'perangkat desa', 'bumdes', 'add', 'apbdes'] },
  { name: /kecamatan|\bkec\./, types: ['kecamatan'], keywords: ['camat', 'kecamatan', 'surat keterangan', 'paten', 'legalisasi'] },
];

/** The default keywords for an OPD, or [] when its kind is not recognised. */
export function defaultKeywords(opd: { name: string; short_name: string; type: OpdType }): string[] {
  const hay = `${opd.name} | ${opd.short_name}`.toLowerCase();
  const out = new Set<string>();
  for (const k of DEFAULT_KINDS) {
    if (k.types && !k.types.includes(opd.type)) continue;
    if (k.name.test(hay)) for (const w of k.keywords) out.add(w);
  }
  return [...out];
}

export interface KeywordRule {
  opdId: string;
  keywords: string[];
}

/** A rule's keywords as stem sequences ("lampu jalan" → ["lampu", "jalan"]); empty ones dropped. */
function compile(keywords: readonly string[]): string[][] {
  return keywords.map((k) => tokenize(k)).filter((t) => t.length > 0);
}

const compiled = new WeakMap<KeywordRule, string[][]>();

/**
 * Scores every OPD by the distinct keywords of its rule found in the text (a phrase counts
 * double: it is more specific), normalised to sum to 1 over OPDs with a hit. Best first.
 */
export function matchKeywords(text: string, rules: readonly KeywordRule[]): { opdId: string; hits: number; score: number }[] {
  const toks = tokenize(text);
  const set = new Set(toks);
  const joined = ` ${toks.join(' ')} `;
  const out: { opdId: string; hits: number; score: number }[] = [];
  for (const r of rules) {
    let c = compiled.get(r);
    if (!c) compiled.set(r, (c = compile(r.keywords)));
    let hits = 0;
    for (const k of c) {
      if (k.length === 1 ? set.has(k[0]) : joined.includes(` ${k.join(' ')} `)) hits += k.length > 1 ? 2 : 1;
    }
    if (hits) out.push({ opdId: r.opdId, hits, score: 0 });
  }
  const total = out.reduce((a, o) => a + o.hits, 0);
  // One extra unit in the denominator: a single weak hit is never a sure thing.
  for (const o of out) o.score = o.hits / (total + 1);
  return out.sort((a, b) => b.hits - a.hits || a.opdId.localeCompare(b.opdId));
}
