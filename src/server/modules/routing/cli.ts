/**
 * CLI of the routing module (listed by src/cli/index.ts):
 *  - `routing:train --csv FILE [--tenant CODE] [--type opd|category]`: trains the tenant's
 *    model from a CSV with `text` and `label` columns (label = an OPD short name or a
 *    category code of the tenant; other columns ignored) and stores it as the active version;
 *  - `routing:predict --csv FILE [--tenant CODE]`: one JSON line per row, in order;
 *  - `routing:eval --csv FILE [--folds 5] [--kind svm|logreg|blend|cnb]`: k-fold
 *    cross-validation without a database (any labels, e.g. the dev data's categories).
 * The tenant defaults to the demo tenant.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CliCommand, CliContext } from '../../../cli/command.js';
import type { Executor } from '../../db/index.js';
import { systemContext } from '../../platform/context.js';
import { recordAudit } from '../audit/record.js';
import { DEMO_CODE } from '../demo/data.js';
import { crossValidate, formatReport } from './evaluate.js';
import type { ModelKind } from './model.js';
import { trainAndStore } from './model-store.js';
import * as repo from './repo.js';
import { computeSuggestion, ensureKeywordRules } from './suggest-service.js';
import type { LabelType } from './tables.js';

export interface CsvRow {
  /** 1-based line of the row in the file (the header is line 1). */
  line: number;
  text: string;
  label: string;
}

/** Reads a CSV with `text` (and, when asked, `label`) columns; throws an Error naming what is wrong. */
export function readLabelledCsv(content: string | Buffer, needLabel: boolean): CsvRow[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new Error(`not a readable CSV: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const ti = header.indexOf('text');
  const li = header.indexOf('label');
  if (ti < 0 || (needLabel && li < 0)) throw new Error(`the header must have the columns "text"${needLabel ? ' and "label"' : ''} (found: ${header.join(', ') || 'nothing'})`);
  const rows = records.slice(1).map((r, i) => ({ line: i + 2, text: (r[ti] ?? '').trim(), label: li >= 0 ? (r[li] ?? '').trim() : '' }));
  if (needLabel) {
    const bad = rows.filter((r) => !r.text || !r.label).map((r) => r.line);
    if (bad.length) throw new Error(`rows without text or label: line ${bad.slice(0, 20).join(', ')}${bad.length > 20 ? ` and ${bad.length - 20} more` : ''}`);
  }
  return rows;
}

async function tenantByCode(db: Executor, which: string) {
  return db.selectFrom('tenant').select(['id', 'code', 'name']).where((eb) => eb.or([eb('code', '=', which), eb('slug', '=', which)])).executeTakeFirst();
}

/** Maps each label to an OPD (short name, case-insensitive) or a category (code); all of one kind. */
export async function resolveLabels(db: Executor, tenantId: string, rows: CsvRow[], forced?: LabelType): Promise<{ type: LabelType; ids: string[] } | { error: string }> {
  const opds = new Map((await repo.listOpds(db, tenantId)).filter((o) => o.is_active).map((o) => [o.short_name.toLowerCase(), o.id]));
  const cats = new Map((await repo.listCategories(db, tenantId)).filter((c) => c.is_active).map((c) => [c.code.toLowerCase(), c.id]));
  const asOpd = rows.filter((r) => opds.has(r.label.toLowerCase())).length;
  const asCat = rows.filter((r) => cats.has(r.label.toLowerCase())).length;
  const type: LabelType = forced ?? (asCat > asOpd ? 'category' : 'opd');
  const map = type === 'opd' ? opds : cats;
  const unknown = rows.filter((r) => !map.has(r.label.toLowerCase()));
  if (unknown.length) {
    const shown = unknown.slice(0, 20).map((r) => `line ${r.line} "${r.label.slice(0, 60)}"`).join(', ');
    return { error: `labels that are not ${type === 'opd' ? 'an OPD short name' : 'a category code'} of the tenant: ${shown}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''}` };
  }
  return { type, ids: rows.map((r) => map.get(r.label.toLowerCase())!) };
}

function readCsvArg(ctx: CliContext, needLabel: boolean): CsvRow[] | null {
  const file = ctx.args.csv;
  if (typeof file !== 'string') {
    ctx.out('--csv FILE is required.');
    return null;
  }
  try {
    return readLabelledCsv(readFileSync(file), needLabel);
  } catch (e) {
    ctx.out(`${file}: ${(e as Error).message}`);
    return null;
  }
}

/** The CSV rows and the tenant (--tenant, default the demo region) of train/predict; null after telling why not. */
async function csvAndTenant(ctx: Parameters<CliCommand['run']>[0], labelled: boolean) {
  const rows = readCsvArg(ctx, labelled);
  if (!rows) return null;
  const { db } = await ctx.openDb();
  const which = typeof ctx.args.tenant === 'string' ? ctx.args.tenant : DEMO_CODE;
  const tenant = await tenantByCode(db, which);
  if (!tenant) {
    ctx.out(`No tenant with code or slug "${which}".`);
    return null;
  }
  return { rows, db, tenant };
}

export const trainCommand: CliCommand = {
  name: 'routing:train',
  summary: "Train a tenant's routing model from a CSV (text,label = OPD short name or category code)",
  usage: 'routing:train --csv FILE [--tenant CODE] [--type opd|category]',
  async run(ctx) {
    const input = await csvAndTenant(ctx, true);
    if (!input) return 1;
    const { rows, db, tenant } = input;
    const forced = ctx.args.type === 'opd' || ctx.args.type === 'category' ? ctx.args.type : undefined;
    const labels = await resolveLabels(db, tenant.id, rows, forced);
    if ('error' in labels) {
      ctx.out(labels.error);
      return 1;
    }
    if (new Set(labels.ids).size < 2) {
      ctx.out('At least two different labels are needed to train.');
      return 1;
    }
    const examples = rows.map((r, i) => ({ text: r.text, label: labels.ids[i] }));
    const stored = await db.transaction().execute(async (tx) => {
      const m = await trainAndStore(tx, { tenantId: tenant.id, labelType: labels.type, examples, source: 'cli' });
      await recordAudit(tx, systemContext(null, 'cli routing:train'), tenant.id, {
        action: 'routing.model.train', entityType: 'routing_model', entityId: m.id, before: null, after: { version: m.version, label_type: labels.type, examples: examples.length },
      });
      return m;
    });
    ctx.out(`${tenant.code} ${tenant.name}: ${labels.type} model version ${stored.version} trained on ${examples.length} rows (${stored.labels} labels, ${stored.vocabulary} features) in ${(stored.trainMs / 1000).toFixed(2)} s; now active.`);
    return 0;
  },
};

export const predictCommand: CliCommand = {
  name: 'routing:predict',
  summary: 'Print the routing suggestion for each row of a CSV (column text) as one JSON line',
  usage: 'routing:predict --csv FILE [--tenant CODE] [--type opd|category]',
  async run(ctx) {
    const input = await csvAndTenant(ctx, false);
    if (!input) return 1;
    const { rows, db, tenant } = input;
    await db.transaction().execute((tx) => ensureKeywordRules(tx, systemContext(null, 'cli routing:predict'), tenant.id));
    const opdName = new Map((await repo.listOpds(db, tenant.id)).map((o) => [o.id, o.short_name]));
    const catCode = new Map((await repo.listCategories(db, tenant.id)).map((c) => [c.id, c.code]));
    const type = ctx.args.type === 'category' ? 'category' : 'opd';
    for (const r of rows) {
      const s = await computeSuggestion(db, tenant.id, { text: r.text });
      const top = (type === 'opd' ? s.opds : s.categories).map((o) => ({ label: (type === 'opd' ? opdName : catCode).get(o.id) ?? o.id, score: o.score }));
      ctx.out(JSON.stringify({ label: top[0]?.label ?? null, top }));
    }
    return 0;
  },
};

export const evalCommand: CliCommand = {
  name: 'routing:eval',
  summary: 'k-fold cross-validation of the routing classifier on a labelled CSV (no database)',
  usage: 'routing:eval --csv FILE [--folds 5] [--kind svm|logreg|blend|cnb] [--json]',
  async run(ctx) {
    const rows = readCsvArg(ctx, true);
    if (!rows) return 1;
    const folds = typeof ctx.args.folds === 'string' ? Number(ctx.args.folds) : 5;
    if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
      ctx.out('--folds must be a whole number from 2 to 20.');
      return 1;
    }
    const kinds: ModelKind[] = ['svm', 'logreg', 'blend', 'cnb'];
    const kind = typeof ctx.args.kind === 'string' ? (ctx.args.kind as ModelKind) : 'svm';
    if (!kinds.includes(kind)) {
      ctx.out(`--kind must be one of ${kinds.join(', ')}.`);
      return 1;
    }
    const report = crossValidate(rows.map((r) => ({ text: r.text, label: r.label })), { folds, kind });
    if (ctx.args.json) ctx.out(JSON.stringify(report));
    else for (const line of formatReport(report)) ctx.out(line);
    return 0;
  },
};

export const routingCommands: CliCommand[] = [trainCommand, predictCommand, evalCommand];
