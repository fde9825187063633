/**
 * Group writes of survey answers (ADR 0023), on PGlite and PostgreSQL: answers arriving
 * together are stored by one statement, each once (by its device-made clientId), with the
 * same anti-stuffing flags as one by one: a repeat or a burst from one device is flagged
 * whether its earlier answers are already stored or earlier in the same batch.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/index.js';
import { ALONE } from '../../db/group-writer.js';
import { openTestDatabase } from '../../../../test/helpers/db.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { buildOpd, buildTenant, buildUnit, type TestTenant } from '../../../../test/helpers/factories.js';
import { currentQuestionnaire, type Questionnaire } from './questionnaire-service.js';
import { ageBand, timeSlot } from './period.js';
import { ingestResponse, ingestResponses, type IngestRow } from './ingest-repo.js';
import { answersHash, BURST_LIMIT, FLAG_WINDOW_MS, ingestWriter } from './submit-service.js';

let handle: DbHandle;
let app: FastifyInstance;
let tenant: TestTenant;
let unitId: string;
let q: Questionnaire;

beforeAll(async () => {
  handle = await openTestDatabase();
  app = await buildTestApp(handle);
  tenant = await buildTenant(handle.db);
  const opd = await buildOpd(handle.db, tenant);
  unitId = (await buildUnit(handle.db, tenant, opd.id)).id;
  q = await currentQuestionnaire(handle.db, tenant.id);
});

afterAll(async () => {
  await app.close();
  await handle.close();
});

const answersOf = (v: number) => Object.fromEntries(q.unsur.map((u) => [u.key, v]));

function row(fingerprint: string, value = 3, clientId: string = crypto.randomUUID()): IngestRow {
  const answers = answersOf(value);
  return {
    tenantId: tenant.id, clientId, unitId, counterId: null, officerCode: null, questionnaireId: q.id, answers, sex: 'P', age: 30, ageBand: ageBand(30),
    education: 'SMA', occupation: 'Swasta', serviceId: null, answeredAt: new Date(), answeredOn: '2026-11-22', month: '2026-11-01', timeSlot: timeSlot(9),
    suggestion: null, source: 'online', fingerprint, answersHash: answersHash(answers), repeatWindowSeconds: 600, burstLimit: BURST_LIMIT.online,
    flagWindowSeconds: FLAG_WINDOW_MS / 1000,
  };
}

async function reasons(ids: Array<string | typeof ALONE | null>) {
  const rows = await handle.db.selectFrom('skm_response').select(['id', 'flag_reason']).where('tenant_id', '=', tenant.id).where('id', 'in', ids.filter((x): x is string => typeof x === 'string')).execute();
  const byId = new Map(rows.map((r) => [String(r.id), r.flag_reason]));
  return ids.map((id) => (typeof id === 'string' ? (byId.has(id) ? byId.get(id) : 'missing') : id === ALONE ? 'alone' : null));
}

describe('multi-row ingest statement', () => {
  it('stores each new answer once; a clientId already stored, or twice in the batch, is left to the single-row statement', async () => {
    const known = row('fp-known');
    const knownId = await ingestResponse(handle.db, known);
    const twice = crypto.randomUUID();
    const rs = [row('fp-a', 1), { ...known, answers: answersOf(4) }, row('fp-b', 2, twice), row('fp-c', 4, twice), row('fp-d', 3)];
    const ids = await ingestResponses(handle.db, rs);
    expect(ids.map((x) => (x === ALONE ? 'alone' : 'id'))).toEqual(['id', 'alone', 'id', 'alone', 'id']);
    const stored = await handle.db.selectFrom('skm_response').select(['client_id', 'answers']).where('tenant_id', '=', tenant.id).where('client_id', 'in', [known.clientId, twice]).execute();
    expect(stored).toHaveLength(2);
    // the first answer under a clientId wins, whatever a resend carries
    expect(stored.find((s) => s.client_id === known.clientId)!.answers).toEqual(answersOf(3));
    expect(stored.find((s) => s.client_id === twice)!.answers).toEqual(answersOf(2));
    expect(await ingestResponse(handle.db, known)).toBeNull();
    expect(knownId).toBeTruthy();
  });

  it('flags a repeat of a stored answer and a repeat earlier in the same batch; other devices stay clean', async () => {
    const stored = await ingestResponse(handle.db, row('fp-rep-stored', 2));
    expect(await reasons([stored])).toEqual([null]);
    const ids = await ingestResponses(handle.db, [row('fp-rep-stored', 2), row('fp-rep-batch', 3), row('fp-other', 3), row('fp-rep-batch', 3), row('fp-rep-batch', 1)]);
    expect(await reasons(ids)).toEqual(['repeat', null, null, 'repeat', null]);
  });

  it('flags a burst whether the earlier answers are stored or in the same batch', async () => {
    const limit = BURST_LIMIT.online;
    const mixed = (fp: string, n: number) => Array.from({ length: n }, (_, i) => row(fp, 1 + (i % 4), crypto.randomUUID())).map((r, i) => ({ ...r, answers: { ...r.answers, [q.unsur[0].key]: 1 + ((i >> 2) % 4) } }))
      .map((r) => ({ ...r, answersHash: answersHash(r.answers) }));
    // all in one batch: the first `limit` are fine, the rest are a burst
    const oneBatch = await ingestResponses(handle.db, mixed('fp-burst-batch', limit + 2));
    expect(await reasons(oneBatch)).toEqual([...Array(limit).fill(null), 'burst', 'burst']);
    // half stored before, half in the batch: the same
    const half = mixed('fp-burst-half', limit + 2);
    for (const r of half.slice(0, limit / 2)) await ingestResponse(handle.db, r);
    const rest = await ingestResponses(handle.db, half.slice(limit / 2));
    expect(await reasons(rest)).toEqual([...Array(limit / 2).fill(null), 'burst', 'burst']);
  });
});

describe('the ingest writer', () => {
  it('answers written in the same moment share one statement, each stored once', async () => {
    const db = handle.db;
    const before = ingestWriter.stats(db);
    const rs = Array.from({ length: 12 }, (_, i) => row(`fp-writer-${i}`, 1 + (i % 4)));
    const ids = await Promise.all([...rs, rs[0], rs[5]].map((r) => ingestWriter.write(db, r)));
    expect(ids.slice(0, 12).every((id) => typeof id === 'string')).toBe(true);
    expect(ids.slice(12)).toEqual([null, null]); // the resends: known clientIds
    const after = ingestWriter.stats(db);
    expect(after.batches - before.batches).toBe(1);
    expect(after.batchedItems - before.batchedItems).toBe(14);
    expect(after.alone - before.alone).toBe(2);
    const n = await db.selectFrom('skm_response').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).where('fingerprint', 'like', 'fp-writer-%').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(12);
  });

  it('phones sending at the same time over HTTP are each counted once, resends answered with the first id', async () => {
    const body = (clientId: string, v: number) => ({ clientId, unitId, questionnaireId: q.id, answers: answersOf(v), profile: { sex: 'L', age: 41 }, answeredAt: new Date().toISOString() });
    const clientIds = Array.from({ length: 15 }, () => crypto.randomUUID());
    const sends = [...clientIds.map((c, i) => ({ c, i })), { c: clientIds[3], i: 3 }, { c: clientIds[9], i: 9 }];
    const responses = await Promise.all(
      sends.map(({ c, i }, n) => app.inject({ method: 'POST', url: `/r/${tenant.slug}/api/v1/public/skm/responses`, payload: body(c, 1 + (i % 4)), remoteAddress: `10.88.0.${n + 1}` })),
    );
    for (const r of responses) expect([200, 201], r.body).toContain(r.statusCode);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(15);
    expect(responses[15].json().id).toBe(responses[3].json().id);
    expect(responses[16].json().id).toBe(responses[9].json().id);
    const n = await handle.db.selectFrom('skm_response').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).where('client_id', 'in', clientIds).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(15);
  });
});
