/**
 * A conservative confix-stripping stemmer for Bahasa Indonesia (Nazief–Adriani / ECS
 * style, ADR 0021), without a root dictionary: inflectional suffixes (-lah -kah -pun,
 * -nya -ku -mu), derivational suffixes (-kan -an -i), the prefixes di- ke- ter- ber- me(N)-
 * pe(N)- per- with the usual recodings (menulis → tulis, menyapu → sapu, pemerintah →
 * perintah), and the disallowed confixes of ECS (be-i, di-an, ke-i, ke-kan, me-an, te-an).
 *
 * Conservative means: when in doubt, keep the word. Without a dictionary a stem is only
 * accepted when enough of the word is left (a suffix alone: 4 letters; after a prefix: 3),
 * and roots that merely look affixed (jembatan, dinas, terminal, kawasan…) are listed in
 * KEEP. It is idempotent on its own output and leaves Sastrawi-style stems (the dev data:
 * salur, layan, perintah, didik) as they are, so already-stemmed text is not damaged.
 */

/** Roots that look affixed: never stemmed. */
const KEEP = new Set(
  `jembatan jalan taman bulan badan pangan kawasan perempuan karyawan wisatawan wartawan relawan dermawan hartawan
  ikan bukan makan hujan tahun lapangan pelabuhan angkatan pertiwi pribadi negeri bupati mandi pagi lagi bagi tinggi
  terminal terima terang ternak teras terus tertib teri
  dinas dinding dingin disiplin direktur distribusi diskon diskusi digital diesel diploma dilema diare dimensi dirut
  menteri menara merah merdeka meter media medis mesin meja menit mentah mewah
  keluarga kereta kebun kepala keras kering kecil kelas kembali kemarin kemudian kenal kerja keliling kelompok kendaraan
  kabupaten kota desa dusun provinsi perintah tangan
  pemuda pemilu peta pesan pekan perlu pernah pertama pelan pena penjara pesawat perahu pedas pemilik
  bersih berat beras berita berkas berani beranda
  sekolah seperti setiap sebagai sedang selalu semua sehat sepeda serta segera selama sekitar
  masalah selatan perangkat pegawai perihal periksa berangkat langkah percaya peduli pelihara pesantren menang pegang halaman
  nyaman penuh terbit periode pensiun selokan ringan mantan lebaran percent dinsos dirjen diponegoro pertamina peristiwa
  pengaruh disabilitas terjun perilaku permanen persis pedoman simpan sembilan ramadhan sultan yayasan preman triwulan
  lumayan transparan signifikan arogan relevan rentan durian jamban median melon beringin berantas berisik terobos perkasa
  pelita permisi pertiwi pesisir pemilu pelangi pendapa pendopo pengki pedesaan perdana perkara perlintasan
  tani nelayan persen perang perut pecah pendek penting`.split(/\s+/).filter(Boolean),
);

/** Words whose prefix recoding rule picks the wrong root without a dictionary. */
const EXCEPTIONS: Record<string, string> = {
  memohon: 'mohon', permohonan: 'mohon', pemohon: 'mohon', meminta: 'minta', permintaan: 'minta', memiliki: 'milik', pemilik: 'milik',
  memakan: 'makan', menikah: 'nikah', pernikahan: 'nikah', pemakaman: 'makam', pemukiman: 'mukim', permukiman: 'mukim',
  perumahan: 'rumah', perawat: 'rawat', perawatan: 'rawat', merawat: 'rawat', perampokan: 'rampok', peramal: 'ramal',
  pemuda: 'pemuda', pemudik: 'mudik', memuat: 'muat', pemuatan: 'muat', meminjam: 'pinjam', peminjaman: 'pinjam',
  pelajar: 'ajar', belajar: 'ajar', pelajaran: 'ajar', mempelajari: 'ajar', bekerja: 'kerja', pekerjaan: 'kerja', pekerja: 'kerja',
  keluhan: 'keluh', mengeluh: 'keluh', mengeluhkan: 'keluh', pengeluhan: 'keluh', terima: 'terima', menerima: 'terima', penerima: 'terima', diterima: 'terima',
  penerimaan: 'terima', pemerintah: 'perintah', pemerintahan: 'perintah', memerintahkan: 'perintah',
  peserta: 'serta', kebijakan: 'bijak', kesejahteraan: 'sejahtera',
};

const VOWEL = /[aiueo]/;
/** Consonant pairs that may begin an Indonesian root (dibrantas, diproses, distop). */
const ONSETS = new Set(['pr', 'tr', 'kr', 'br', 'dr', 'gr', 'fr', 'bl', 'pl', 'kl', 'gl', 'fl', 'sl', 'sw', 'ny', 'ng']);
const isVowel = (c: string | undefined) => !!c && VOWEL.test(c);
/** A stem needs a vowel and, without a dictionary, enough letters to be a plausible root. */
function plausible(stem: string, min: number): boolean {
  return stem.length >= min && VOWEL.test(stem);
}

const PARTICLES = ['lah', 'kah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];

function stripInflection(w: string): string {
  for (const p of PARTICLES) if (w.endsWith(p) && plausible(w.slice(0, -p.length), 5)) { w = w.slice(0, -p.length); break; }
  for (const p of POSSESSIVES) if (w.endsWith(p) && plausible(w.slice(0, -p.length), p === 'nya' ? 4 : 5)) { w = w.slice(0, -p.length); break; }
  return w;
}

interface PrefixCut { rest: string; prefix: 'di' | 'ke' | 'ter' | 'ber' | 'me' | 'pe' | 'per' }

/** One prefix off, with the recoding rules; null when none applies. */
function cutPrefix(w: string): PrefixCut | null {
  const c = (i: number) => w[i];
  if (w.startsWith('di') && w.length >= 6) {
    const rest = w.slice(2);
    // di- + two consonants is a loanword or acronym (disdukcapil, dinsos, dirjen), not di- + root.
    if (isVowel(rest[0]) || isVowel(rest[1]) || ONSETS.has(rest.slice(0, 2))) return { rest, prefix: 'di' };
  }
  if (w.startsWith('ke') && w.length >= 6) return { rest: w.slice(2), prefix: 'ke' };
  if (w.startsWith('ter') && w.length >= 6) {
    if (isVowel(c(3))) return { rest: 'r' + w.slice(3), prefix: 'ter' }; // te-rendam
    return { rest: w.slice(3), prefix: 'ter' };
  }
  if (w.startsWith('ber') && w.length >= 6) {
    if (isVowel(c(3))) return { rest: w.slice(3).length >= 4 ? w.slice(3) : 'r' + w.slice(3), prefix: 'ber' };
    return { rest: w.slice(3), prefix: 'ber' };
  }
  for (const [pre, kind] of [['me', 'me'], ['pe', 'pe']] as const) {
    if (!w.startsWith(pre) || w.length < 5) continue;
    const s = w.slice(2);
    if (s.startsWith('nge') && !isVowel(s[3])) return { rest: s.slice(3), prefix: kind }; // mengecat → cat
    if (s.startsWith('ng') && (isVowel(s[2]) || 'ghk'.includes(s[2] ?? ''))) return { rest: s.slice(2), prefix: kind }; // mengambil, menggali
    if (s.startsWith('ny') && isVowel(s[2])) return { rest: 's' + s.slice(2), prefix: kind }; // menyapu → sapu
    if (s.startsWith('m') && 'bfvp'.includes(s[1] ?? '')) return { rest: s.slice(1), prefix: kind }; // membuat, memperbaiki
    if (s.startsWith('m') && isVowel(s[1])) return { rest: 'p' + s.slice(1), prefix: kind }; // memakai → pakai
    if (s.startsWith('n') && 'cdjzs'.includes(s[1] ?? '')) return { rest: s.slice(1), prefix: kind }; // mencari, pendidikan
    if (s.startsWith('n') && isVowel(s[1])) return { rest: 't' + s.slice(1), prefix: kind }; // menulis → tulis
    if (kind === 'pe' && s.startsWith('r')) {
      // per + vowel only in the per-…-an confix (peraturan → atur); periksa, perangkat stay.
      if (isVowel(s[1]) && !s.endsWith('an')) return null;
      return { rest: s.slice(1), prefix: 'per' }; // perbaikan → baikan
    }
    if (kind === 'pe' && s.startsWith('l') && s.slice(1).startsWith('ajar')) return { rest: s.slice(1), prefix: kind };
    if ('lrwy'.includes(s[0] ?? '') && isVowel(s[1])) return { rest: s, prefix: kind }; // melapor, pelayanan
    if (kind === 'pe' && !isVowel(s[0]) && isVowel(s[1]) && s.length >= 4) return { rest: s, prefix: kind }; // petugas, pedagang
  }
  return null;
}

const DISALLOWED: Record<string, string[]> = { ber: ['i'], di: ['an'], ke: ['i', 'kan'], me: ['an'], ter: ['an'] };

function stripSuffix(w: string, afterPrefix: PrefixCut['prefix'] | null): string {
  const min = afterPrefix ? 3 : 5;
  // pe(N)-/per-/ke- make nouns with -an (pendidikan → didik, kerusakan → rusak); me-/di-/ter-/ber-
  // and bare words take -kan first (dikerjakan → kerja, sebutkan → sebut).
  const nominal = afterPrefix === 'pe' || afterPrefix === 'per' || afterPrefix === 'ke';
  const order = nominal ? (['an', 'i'] as const) : (['kan', 'an', 'i'] as const);
  for (const suf of order) {
    if (!w.endsWith(suf)) continue;
    if (suf === 'i' && (!afterPrefix || nominal)) continue; // bupati, polisi, informasi: -i alone is too risky
    if (afterPrefix && DISALLOWED[afterPrefix]?.includes(suf)) continue;
    if (suf === 'an' && /(wan|wati)$/.test(w)) continue;
    const stem = w.slice(0, -suf.length);
    if (plausible(stem, suf === 'i' ? 4 : min)) return stem;
  }
  return w;
}

/** Stems one lower-case word (letters only). */
export function stem(word: string): string {
  if (word.length < 4 || KEEP.has(word)) return word;
  const exc = EXCEPTIONS[word];
  if (exc) return exc;
  let w = stripInflection(word);
  if (KEEP.has(w)) return w;
  if (EXCEPTIONS[w]) return EXCEPTIONS[w];
  // Up to two prefixes (memper-, diper-, keber-…), then the suffix the confix allows.
  let first: PrefixCut | null = null;
  let cur = w;
  for (let i = 0; i < 2; i++) {
    const cut = cutPrefix(cur);
    if (!cut || !plausible(cut.rest, 4)) break;
    // ke- only as the ke-…-an confix (kesehatan, kerusakan): alone it is usually part of the root.
    if (cut.prefix === 'ke' && !/an$/.test(cut.rest)) break;
    // A second prefix only as in diper-, memper-, keber-, kepen-: never after a recoded letter.
    if (i === 1 && !['per', 'ber', 'pe'].includes(cut.prefix)) break;
    first ??= cut;
    const recoded = !cur.endsWith(cut.rest);
    cur = cut.rest;
    if (KEEP.has(cur) || EXCEPTIONS[cur]) return EXCEPTIONS[cur] ?? cur;
    const bare = stripSuffix(cur, first.prefix);
    if (KEEP.has(bare)) return bare; // kebersihan → bersih
    if (recoded) break;
  }
  const stemmed = stripSuffix(cur, first ? first.prefix : null);
  if (stemmed !== cur || first) {
    if (plausible(stemmed, first ? 3 : 5)) return stemmed;
  }
  return first ? cur : stripSuffix(w, null);
}
