/** Normalisation and stemming of citizens' Bahasa Indonesia (routing text pipeline). */
import { describe, expect, it } from 'vitest';
import { stem } from './stemmer.js';
import { clean, collapseRepeats, features, tokenize } from './text.js';

describe('stemmer', () => {
  it.each([
    ['perbaikan', 'baik'], ['dikerjakan', 'kerja'], ['pelayanan', 'layan'], ['jalanan', 'jalan'], ['pemerintah', 'perintah'],
    ['pendidikan', 'didik'], ['kesehatan', 'sehat'], ['pengaduan', 'adu'], ['penyaluran', 'salur'], ['kependudukan', 'duduk'],
    ['diperbaiki', 'baik'], ['memperbaiki', 'baik'], ['menulis', 'tulis'], ['menyapu', 'sapu'], ['membuat', 'buat'],
    ['mengambil', 'ambil'], ['menggunakan', 'guna'], ['terlambat', 'lambat'], ['laporan', 'lapor'], ['perumahan', 'rumah'],
    ['peraturan', 'atur'], ['petugas', 'tugas'], ['kerusakan', 'rusak'], ['kebersihan', 'bersih'], ['sekolahnya', 'sekolah'],
    ['ditindaklanjuti', 'tindaklanjut'], ['kecamatan', 'camat'], ['penerangan', 'terang'], ['memohon', 'mohon'],
  ])('%s → %s', (word, root) => {
    expect(stem(word)).toBe(root);
  });

  it('keeps roots that only look affixed, and short words', () => {
    for (const w of ['jalan', 'jembatan', 'dinas', 'terminal', 'bupati', 'informasi', 'listrik', 'banjir', 'disdukcapil', 'kawasan', 'karyawan', 'ikan', 'bulan']) {
      expect(stem(w)).toBe(w);
    }
  });

  it('leaves Sastrawi-style stems (the dev data) as they are, and is idempotent', () => {
    for (const w of ['salur', 'layan', 'perintah', 'didik', 'lingkung', 'duduk', 'tangan', 'camat', 'lurah', 'adu', 'baik', 'rusak', 'sampah', 'lampu', 'drainase']) {
      expect(stem(w)).toBe(w);
    }
    for (const w of ['perbaikan', 'pelayanan', 'pendidikan', 'kependudukan', 'memperbaiki', 'penerangan']) expect(stem(stem(w))).toBe(stem(w));
  });
});

describe('normalisation', () => {
  it('lower-cases, drops URLs, e-mails, numbers, punctuation and emoji', () => {
    expect(clean('Jalan RUSAK!!! 😡😡 lihat https://contoh.id/foto?id=3 atau mail@x.id, 12 km')).toBe('jalan rusak lihat atau km');
  });

  it('collapses repeated letters', () => {
    expect(collapseRepeats('bangettt')).toBe('banget');
    expect(collapseRepeats('tolonggggg')).toBe('tolong');
    expect(collapseRepeats('sekolah')).toBe('sekolah');
  });

  it('expands abbreviations, drops stop words, stems', () => {
    expect(tokenize('Jln di dpn rmh sy rusak parah bangettt, tlg diperbaiki yg cepat')).toEqual(['jalan', 'depan', 'rumah', 'rusak', 'parah', 'baik', 'cepat']);
    expect(tokenize('lampu pju mati sdh 2 minggu dgn kabel putus')).toEqual(['lampu', 'pju', 'mati', 'minggu', 'kabel', 'putus']);
  });

  it('gives nothing for emoji, digits or punctuation only', () => {
    expect(tokenize('😡😡😡 !!! 12345')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('a raw sentence and its Sastrawi-stemmed form meet on the same features', () => {
    const raw = tokenize('Saluran drainase di jalanan kami tersumbat, mohon perbaikan dari pemerintah');
    const stemmed = tokenize('salur drainase jalan sumbat baik perintah');
    expect(raw).toEqual(stemmed);
  });

  it('features are words and word pairs', () => {
    expect(features('jalan rusak parah')).toEqual(['jalan', 'rusak', 'parah', 'jalan_rusak', 'rusak_parah']);
    expect(features('jalan', { charGrams: true })).toContain('#jal');
  });
});
