import { describe, expect, it } from 'vitest';
import { assetsOf, referencedBy, staleAssets } from './sw-assets.js';

const page = (js: string, css: string) => `<!doctype html><link rel="stylesheet" href="${css}"><script type="module" src="${js}"></script><link rel="icon" href="/favicon.svg">`;

describe('survey service worker: stale assets', () => {
  it('reads the asset paths a page names, not other links', () => {
    expect(assetsOf(page('/assets/survey-AbC123.js', '/assets/survey-XyZ9.css'))).toEqual(['/assets/survey-XyZ9.css', '/assets/survey-AbC123.js']);
  });

  it('drops the assets of an old build once no cached page names them; keeps the page keys and other entries', () => {
    const cached = ['/assets/survey-old1.js', '/assets/survey-old1.css', '/assets/survey-new2.js', '/assets/survey-new2.css', '/survei/__survey.html'];
    expect(staleAssets(cached, [page('/assets/survey-new2.js', '/assets/survey-new2.css')])).toEqual(['/assets/survey-old1.js', '/assets/survey-old1.css']);
  });

  it('keeps what a page cached under another scope still names (that page may be opened offline)', () => {
    const cached = ['/assets/survey-old1.js', '/assets/survey-old1.css', '/assets/survey-new2.js', '/assets/survey-new2.css'];
    const pages = [page('/assets/survey-new2.js', '/assets/survey-new2.css'), page('/assets/survey-old1.js', '/assets/survey-old1.css')];
    expect(staleAssets(cached, pages)).toEqual([]);
  });
});

describe('survey service worker: what kept assets refer to', () => {
  it('keeps a chunk a kept script imports and a font a kept stylesheet uses', () => {
    const texts: Record<string, string> = {
      '/assets/survey-new2.js': 'import{a as b}from"./skm-survey-C1h.js";b()',
      '/assets/survey-new2.css': 'body{font:1em x}@font-face{src:url(/assets/inter-9f.woff2)}',
      '/assets/skm-survey-C1h.js': 'export const a=()=>1',
    };
    const cached = [...Object.keys(texts), '/assets/inter-9f.woff2', '/assets/skm-survey-0ld.js'];
    expect(staleAssets(cached, [page('/assets/survey-new2.js', '/assets/survey-new2.css')], (p) => texts[p])).toEqual(['/assets/skm-survey-0ld.js']);
  });

  it('reads relative chunk imports and absolute asset URLs', () => {
    expect(referencedBy('from"./skm-survey-CIG5ThTr.js";url(/assets/a.b-c.woff2) "./not-an-asset"')).toEqual(['/assets/skm-survey-CIG5ThTr.js', '/assets/a.b-c.woff2']);
  });
});
