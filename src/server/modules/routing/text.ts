/**
 * Text normalisation for routing (pure, ADR 0021): Bahasa Indonesia as citizens write it —
 * lower-case, URLs, numbers, punctuation and emoji out, repeated letters collapsed
 * (bangettt → banget), informal abbreviations expanded (yg, tdk, jln, dgn…), stop words
 * out, then the conservative stemmer. The same pipeline serves training and prediction,
 * and it leaves already-stemmed text (the dev data) as it is.
 */
import { stem } from './stemmer.js';

/** Informal spellings and abbreviations → the standard word (before stemming). */
export const ABBREVIATIONS: Record<string, string> = {
  yg: 'yang', yng: 'yang', tdk: 'tidak', tdak: 'tidak', gak: 'tidak', ga: 'tidak', gk: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak', engga: 'tidak', tak: 'tidak',
  jln: 'jalan', jl: 'jalan', jaln: 'jalan', dgn: 'dengan', dg: 'dengan', dngn: 'dengan', sdh: 'sudah', udh: 'sudah', udah: 'sudah', dah: 'sudah',
  blm: 'belum', blum: 'belum', utk: 'untuk', untk: 'untuk', tuk: 'untuk', krn: 'karena', krna: 'karena', karna: 'karena', dr: 'dari', dri: 'dari',
  jg: 'juga', jga: 'juga', bgt: 'banget', bngt: 'banget', tp: 'tapi', tpi: 'tapi', sy: 'saya', sya: 'saya', aq: 'aku', gw: 'aku', gue: 'aku',
  kmi: 'kami', kmu: 'kamu', org: 'orang', orng: 'orang', sm: 'sama', sprt: 'seperti', spt: 'seperti', kyk: 'kayak', hrs: 'harus', dpt: 'dapat',
  bs: 'bisa', bsa: 'bisa', lg: 'lagi', lgi: 'lagi', kl: 'kalau', klo: 'kalau', kalo: 'kalau', trs: 'terus', bnyk: 'banyak', byk: 'banyak',
  pd: 'pada', thn: 'tahun', bln: 'bulan', hr: 'hari', tlg: 'tolong', tolongin: 'tolong', mhn: 'mohon', trims: 'terima kasih', makasih: 'terima kasih',
  trimakasih: 'terima kasih', terimakasih: 'terima kasih', tks: 'terima kasih', thx: 'terima kasih', aja: 'saja', aj: 'saja', gimana: 'bagaimana', gmn: 'bagaimana',
  knp: 'kenapa', bkn: 'bukan', skrg: 'sekarang', skrng: 'sekarang', bbrp: 'beberapa', msh: 'masih', jd: 'jadi', jdi: 'jadi', dlm: 'dalam', sblm: 'sebelum',
  stlh: 'setelah', tsb: 'tersebut', kpd: 'kepada', tgl: 'tanggal', bpk: 'bapak', pak: 'bapak', ortu: 'orang tua', kec: 'kecamatan', kab: 'kabupaten',
  ds: 'desa', kel: 'kelurahan', dsn: 'dusun', kades: 'kepala desa', lurah: 'lurah', sdgkn: 'sedangkan', dll: 'dan lain lain', dsb: 'dan sebagainya',
  smpe: 'sampai', sampe: 'sampai', ampe: 'sampai', maf: 'maaf', mksd: 'maksud', gmna: 'bagaimana', brp: 'berapa', kmrn: 'kemarin', kemaren: 'kemarin',
  rmh: 'rumah', dpn: 'depan', blkg: 'belakang', skt: 'sakit', rs: 'rumah sakit', sklh: 'sekolah', pemdes: 'pemerintah desa', pemkab: 'pemerintah kabupaten', pemkot: 'pemerintah kota',
  pemprov: 'pemerintah provinsi', listrk: 'listrik', lampunya: 'lampu', rusk: 'rusak', bnjir: 'banjir', smph: 'sampah', sampahnya: 'sampah',
};

/** Function words that say nothing about which OPD handles a report (plus tokens left by URLs and the dev data's digit marker). */
export const STOP_WORDS = new Set(
  `ada adalah adanya agar akan akan aku amat anda antara apa apabila apakah atas atau bagai bagaimana bagi bahkan bahwa banget banyak beberapa begitu
  belum benar berapa berada bisa boleh bukan cukup dahulu dalam dan dapat dari daripada demikian dengan di dia diri dong dulu entah guna hal hampir
  hanya harus hingga ia ialah ini itu jadi jangan juga justru kah kalau kami kamu karena kayak ke kemudian kenapa kepada ketika kini kita lagi lah
  lain lalu maka mana masih mau melainkan memang mereka mohon mungkin nah namun nanti nya oleh pada padahal para pernah pula pun punya saat saja sama
  sampai sangat saya se sebab sebagai sebelum sebuah sedang sedangkan sehingga sejak sekali sekarang selain selama seperti serta setelah setiap sih
  sudah supaya tadi tanpa tapi telah tentang terhadap tersebut tetapi tidak toh tolong untuk walau walaupun yaitu yakni yang
  bapak ibu mas mbak kak pak bu min admin halo hai selamat pagi siang sore malam terima kasih assalamualaikum wr wb salam hormat
  number http https www com co id html php amp`.split(/\s+/).filter(Boolean),
);

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL_RE = /\S+@\S+\.\S+/g;

/** Lower-case, accents and emoji out, URLs/e-mails/numbers/punctuation → spaces. */
export function clean(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(URL_RE, ' ')
    .replace(EMAIL_RE, ' ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** bangettt → banget, mohonnnn → mohon: a letter three or more times in a row counts once. */
export function collapseRepeats(word: string): string {
  return word.replace(/([a-z])\1{2,}/g, '$1');
}

export interface TokenizeOptions {
  /** Run the stemmer (default true). */
  stem?: boolean;
}

/** Normalised, stemmed content words of a text, in order. */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const doStem = opts.stem !== false;
  const out: string[] = [];
  for (const raw of clean(text).split(' ')) {
    if (!raw) continue;
    const w = collapseRepeats(raw);
    const expanded = ABBREVIATIONS[w] ?? w;
    for (const part of expanded.split(' ')) {
      if (part.length < 2 || part.length > 40 || STOP_WORDS.has(part)) continue;
      const s = doStem ? stem(part) : part;
      if (s.length < 2 || STOP_WORDS.has(s)) continue;
      out.push(s);
    }
  }
  return out;
}

export interface FeatureOptions extends TokenizeOptions {
  /** Word pairs as well as single words (default true). */
  bigrams?: boolean;
  /** Character n-grams (3–5 letters) inside each word, for typos (default false). */
  charGrams?: boolean;
}

/** The feature strings of a text: words, word pairs ("a_b"), and optionally "#abc" letter groups. */
export function features(text: string, opts: FeatureOptions = {}): string[] {
  const toks = tokenize(text, opts);
  const out = toks.slice();
  if (opts.bigrams !== false) for (let i = 1; i < toks.length; i++) out.push(`${toks[i - 1]}_${toks[i]}`);
  if (opts.charGrams) {
    for (const w of toks) {
      const p = ` ${w} `;
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= p.length; i++) out.push(`#${p.slice(i, i + n)}`);
    }
  }
  return out;
}
