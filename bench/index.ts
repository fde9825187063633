/**
 * `npm run bench [-- <suite> …]`: runs benchmark suites (bench/suites) on a fresh
 * PostgreSQL database (created and dropped here) and embedded PGlite, then prints one
 * table: figure, value, the raw limit measured in the same run, ratio, and the core count.
 * `npm run bench -- generate --tenants N` loads synthetic data instead (bench/generate.ts).
 * Knobs: BENCH_SECONDS (load duration, default 10), BENCH_ADMIN_URL (server to create the
 * database on), PRIMA_DB_POOL (the app's pool size, as in production).
 */
import os from 'node:os';
import { renderTable, startPgliteTarget, startPostgresTarget, type BenchContext, type Figure, type Target } from './harness.js';
import { runGenerate } from './generate.js';
import { suites } from './suites/index.js';

/** `--flag value`, `--flag=value`, `--flag`; the rest are positional (as the CLI parses them). */
function parseArgs(argv: string[]): { args: Record<string, string | boolean>; positional: string[] } {
  const args: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (a.includes('=')) args[a.slice(2, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[a.slice(2)] = argv[++i];
    else args[a.slice(2)] = true;
  }
  return { args, positional };
}

async function main(argv: string[]): Promise<number> {
  const { args, positional } = parseArgs(argv);
  if (positional[0] === 'generate') {
    await runGenerate(args, (l) => console.log(l));
    return 0;
  }
  const unknown = positional.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length || args.help) {
    console.error(`${unknown.length ? `Unknown suite: ${unknown.join(', ')}\n` : ''}Usage: npm run bench [-- <suite> …] | npm run bench -- generate --tenants N`);
    console.error(`Suites: ${suites.map((s) => `${s.name} (${s.description})`).join('; ')}`);
    return 2;
  }
  const chosen = positional.length ? suites.filter((s) => positional.includes(s.name)) : suites;

  const started: Target[] = [];
  const lazy = (start: () => Promise<Target>) => {
    let p: Promise<Target> | null = null;
    return () => (p ??= start().then((t) => (started.push(t), t)));
  };
  const ctx: BenchContext = { postgres: lazy(startPostgresTarget), pglite: lazy(startPgliteTarget), log: (l) => console.log(l) };
  const t0 = Date.now();
  const figures: Figure[] = [];
  try {
    for (const suite of chosen) {
      console.log(`suite ${suite.name}: ${suite.description}`);
      figures.push(...(await suite.run(ctx)));
    }
  } finally {
    for (const t of started) await t.close();
  }
  console.log('');
  console.log(renderTable(figures, os.cpus().length));
  console.log(`(${Math.round((Date.now() - t0) / 1000)} s)`);
  const broken = figures.filter((f) => f.bad > 0);
  if (broken.length) {
    console.error(`\n${broken.length} figure(s) had non-2xx answers or errors: the route is broken, the figure is not valid.`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
