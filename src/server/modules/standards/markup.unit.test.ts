/** Rich text of standards: the allowed subset parses; nothing becomes HTML or a script link. */
import { describe, expect, it } from 'vitest';
import { isSafeHref, markupToPlain, parseMarkup, type Block, type Inline } from '../../../shared/schemas/standards-markup.js';
import { mergeComponents, missingComponents, publicComponents } from './components.js';
import { COMPONENT_KEYS, M_KEYS, type TComponents } from '../../../shared/schemas/standards.js';

function hrefs(blocks: Block[]): string[] {
  const out: string[] = [];
  const walk = (c: Inline[]) => c.forEach((n) => { if (n.t === 'a') out.push(n.href); if (n.t !== 'text') walk(n.c); });
  blocks.forEach((b) => (b.t === 'p' ? walk(b.c) : b.items.forEach(walk)));
  return out;
}

describe('standards markup', () => {
  it('parses paragraphs, lists, bold, italic and links', () => {
    const b = parseMarkup('Dasar:\n\n- **UU** 25/2009\n- *Perda* 3/2020\n\n1. satu\n2. [dua](https://jdih.go.id/x)');
    expect(b.map((x) => x.t)).toEqual(['p', 'ul', 'ol']);
    expect((b[1] as { items: Inline[][] }).items[0]![0]).toEqual({ t: 'b', c: [{ t: 'text', v: 'UU' }] });
    expect(hrefs(b)).toEqual(['https://jdih.go.id/x']);
  });

  it('keeps HTML as text: no element, attribute or script can come out', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>';
    const b = parseMarkup(evil);
    expect(b).toEqual([{ t: 'p', c: [{ t: 'text', v: evil }] }]);
  });

  it('drops link targets that are not http(s) or mailto, keeping the label as text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '//evil.example', 'https://x"onmouseover="a']) {
      const b = parseMarkup(`[klik](${href})`);
      expect(hrefs(b)).toEqual([]);
      expect(markupToPlain(`[klik](${href})`)).toContain('klik');
    }
    expect(isSafeHref('mailto:pengaduan@demo.go.id')).toBe(true);
  });

  it('removes control and bidirectional-override characters', () => {
    expect(markupToPlain('a\u202eb\u0000c')).toBe('abc');
  });
});

describe('components', () => {
  const full: TComponents = {
    dasar_hukum: 'UU 25/2009', persyaratan: ['KTP'], prosedur: ['Datang'], jangka_waktu: { value: 1, unit: 'hari_kerja' },
    biaya: { kind: 'gratis', legalBasis: 'UU 24/2013' }, produk: ['KTP-el'], sarana_prasarana: 'Ruang tunggu', kompetensi_pelaksana: 'S1',
    pengawasan_internal: 'Kepala dinas', penanganan_pengaduan: [{ type: 'wa', value: '0812' }], jumlah_pelaksana: '5 orang',
    jaminan_pelayanan: 'Maklumat', jaminan_keamanan: 'CCTV', evaluasi_kinerja: 'Triwulan',
  };
  it('names every empty component, in the order of Pasal 21', () => {
    expect(missingComponents({})).toEqual([...COMPONENT_KEYS]);
    expect(missingComponents(full)).toEqual([]);
    expect(missingComponents({ ...full, persyaratan: ['  '], dasar_hukum: '\n\n', biaya: { kind: 'tarif', amount: 0, legalBasis: 'x' } })).toEqual(['dasar_hukum', 'persyaratan', 'biaya']);
  });
  it('merges a patch and clears with empty values', () => {
    const m = mergeComponents(full, { persyaratan: [' KTP asli ', ''], dasar_hukum: '' });
    expect(m.persyaratan).toEqual(['KTP asli']);
    expect(m.dasar_hukum).toBeUndefined();
  });
  it('gives the public only the six service-delivery components', () => {
    const p = publicComponents(full);
    expect(Object.keys(p).sort()).toEqual(['biaya', 'jangka_waktu', 'penanganan_pengaduan', 'persyaratan', 'produk', 'prosedur']);
    for (const k of M_KEYS) expect(p).not.toHaveProperty(k);
  });
});
