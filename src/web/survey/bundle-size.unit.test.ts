/**
 * The survey page must load on a cheap phone over a weak network (issue #4): the JS and
 * CSS that dist/web/survey.html references weigh at most 100 KB gzipped, and the bundle
 * carries neither React nor the whole message catalogue. Reads the built client (`npm
 * test` builds it first; when the sources are newer than the build, this test rebuilds it
 * the way the browser tests do).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const WEB_DIR = path.join(ROOT, 'dist/web');
const SURVEY_HTML = path.join(WEB_DIR, 'survey.html');
const BUDGET_BYTES = 100 * 1024;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function ensureBuild(): void {
  const built = fs.existsSync(SURVEY_HTML) ? fs.statSync(SURVEY_HTML).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'src/web')), newestMtime(path.join(ROOT, 'src/shared')));
  if (built >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

/** The /assets/… files survey.html loads: its script, preloaded chunks and stylesheets. */
function referencedAssets(html: string): string[] {
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)].map((r) => path.join(WEB_DIR, r.replace(/^\//, '')));
}

describe('survey bundle', () => {
  it('is at most 100 KB of JS+CSS gzipped, without React or the whole catalogue', { timeout: 180_000 }, () => {
    ensureBuild();
    const files = referencedAssets(fs.readFileSync(SURVEY_HTML, 'utf8'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.css'))).toBe(true);
    let gzipped = 0;
    let text = '';
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      gzipped += zlib.gzipSync(bytes, { level: 9 }).length;
      text += bytes.toString('utf8');
    }
    console.log(`survey bundle: ${files.length} files, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    // React's element marker and a key from the main client's catalogue stay out.
    expect(text).not.toContain('react.transitional.element');
    expect(text).not.toContain('web.loading');
    expect(text).toContain('skmSurvey.submit');
  });
});
