/** The classifier on a small synthetic fixture (mechanics only; real figures: routing:eval, ADR 0021). */
import { describe, expect, it } from 'vitest';
import { crossValidate, stratifiedFolds } from './evaluate.js';
import { deserialize, serialize, train, type Example } from './model.js';
import { matchKeywords, defaultKeywords } from './keywords.js';

const FIXTURE: Example[] = [];
const add = (label: string, texts: string[]) => texts.forEach((text) => FIXTURE.push({ text, label }));
add('PUPR', [
  'jalan rusak parah banyak lubang', 'jln berlubang di depan sekolah tolong diperbaiki', 'jembatan desa ambruk tidak bisa dilewati',
  'drainase tersumbat air meluap ke jalan', 'aspal jalan mengelupas setelah hujan', 'saluran air dan selokan mampet',
  'perbaikan jalan kabupaten terbengkalai', 'jalanan rusak sudah bertahun tahun', 'gorong gorong rusak jalan amblas', 'trotoar rusak dan jalan berlubang',
]);
add('Disdukcapil', [
  'ktp elektronik belum jadi sudah tiga bulan', 'pembuatan kartu keluarga lama sekali', 'akta kelahiran anak saya belum terbit',
  'blanko ktp habis di kantor dukcapil', 'perekaman ktp antre panjang', 'kk tidak bisa dicetak', 'akta kematian orang tua belum diproses',
  'nik tidak terdaftar saat daftar sekolah', 'surat pindah domisili ditolak', 'ktp rusak minta cetak ulang',
]);
add('DLH', [
  'sampah menumpuk di pinggir jalan bau', 'tps penuh sampah tidak diangkut', 'limbah pabrik mencemari sungai', 'asap pembakaran sampah mengganggu warga',
  'bau busuk dari tempat sampah', 'pencemaran air sungai oleh limbah', 'sampah berserakan di pasar', 'truk sampah tidak datang seminggu',
  'limbah cair dibuang ke selokan', 'sungai penuh sampah plastik',
]);

describe('model', () => {
  for (const kind of ['svm', 'logreg', 'blend', 'cnb'] as const) {
    it(`${kind} routes the obvious cases of a small fixture`, () => {
      const m = train(FIXTURE, { kind, minDf: 1 });
      expect(m.predict('jalan di kampung kami rusak berlubang')[0].label).toBe('PUPR');
      expect(m.predict('ktp saya belum jadi')[0].label).toBe('Disdukcapil');
      expect(m.predict('sampah menumpuk dan bau')[0].label).toBe('DLH');
      const scores = m.predict('jembatan ambruk');
      expect(scores.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 5);
    });
  }

  it('knows when it knows nothing', () => {
    const m = train(FIXTURE, { minDf: 1 });
    expect(m.known('the weather is lovely today')).toBe(0);
    expect(m.known('jalan rusak')).toBeGreaterThan(0);
  });

  it('survives serialisation unchanged', () => {
    const m = train(FIXTURE, { minDf: 1 });
    const back = deserialize(serialize(m));
    expect(back.predict('drainase mampet')).toEqual(m.predict('drainase mampet'));
    expect(() => deserialize('{"format":2}')).toThrow();
  });

  it('is deterministic for a seed', () => {
    const a = train(FIXTURE, { minDf: 1, seed: 3 }).predict('jalan bau sampah');
    const b = train(FIXTURE, { minDf: 1, seed: 3 }).predict('jalan bau sampah');
    expect(a).toEqual(b);
  });
});

describe('cross-validation', () => {
  it('stratifies folds and reports the figures', () => {
    const folds = stratifiedFolds(FIXTURE.map((e) => e.label), 5);
    for (let f = 0; f < 5; f++) expect(folds.filter((x, i) => x === f && FIXTURE[i].label === 'PUPR').length).toBe(2);
    const r = crossValidate(FIXTURE, { folds: 5, minDf: 1 });
    expect(r.n).toBe(30);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(r.accuracy).toBeGreaterThan(0.6);
    expect(r.top3Recall).toBe(1);
    expect(r.perClass.map((c) => c.label)).toEqual(['DLH', 'Disdukcapil', 'PUPR']);
  });
});

describe('keyword rules (cold start)', () => {
  it('derive keywords from the OPD kind', () => {
    expect(defaultKeywords({ name: 'Dinas Pekerjaan Umum dan Penataan Ruang', short_name: 'PUPR', type: 'dinas' })).toContain('jembatan');
    expect(defaultKeywords({ name: 'Dinas Kependudukan dan Pencatatan Sipil', short_name: 'Disdukcapil', type: 'dinas' })).toContain('ktp');
    expect(defaultKeywords({ name: 'Kantor Entah Apa', short_name: 'KEA', type: 'kantor' })).toEqual([]);
  });

  it('match on stems and phrases, best first', () => {
    const rules = [
      { opdId: 'pupr', keywords: ['jalan', 'jembatan', 'perbaikan jalan'] },
      { opdId: 'dishub', keywords: ['lampu jalan', 'rambu'] },
    ];
    const m = matchKeywords('jln rusak, mohon perbaikan jalanan dan jembatannya', rules);
    expect(m[0]).toMatchObject({ opdId: 'pupr' });
    expect(m[0].score).toBeGreaterThan(0.5);
    expect(matchKeywords('lampu jalan mati', rules)[0].opdId).toBe('dishub');
    expect(matchKeywords('cuaca cerah', rules)).toEqual([]);
  });
});
