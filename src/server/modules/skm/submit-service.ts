/**
 * The public survey: the form of a unit (from a QR link) and the submission of answers.
 * Idempotent by the device-made clientId (a resend returns the first row, whatever its
 * body). Anti-stuffing without accounts: a per-address rate limit on the route, and
 * suspicious repeats FLAGGED (stored and counted; staff may exclude them): the same
 * device/address answering the same unit with identical answers within a short window
 * ('repeat'), or too many answers from it within ten minutes ('burst').
 * The answer is stored unfolded; the job skm.fold adds it to the aggregates (ADR 0018).
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { SKM_EDUCATION, SKM_OCCUPATION, SKM_SEX, type TSkmPublicForm, type TSkmSubmitBody } from '../../../shared/schemas/skm.js';
import { currentQuestionnaire, getQuestionnaire, type Questionnaire } from './questionnaire-service.js';
import { ageBand, localParts, monthOf, timeSlot } from './period.js';
import * as repo from './repo.js';
import { ingestResponse, ingestResponses, type IngestRow } from './ingest-repo.js';
import { groupWriter } from '../../db/group-writer.js';

/**
 * Answers arriving while the database is busy are written together (group writes,
 * ADR 0023): a queue at the counter's kiosk and a class answering from their phones cost
 * one statement and one commit, not one each.
 */
export const ingestWriter = groupWriter<IngestRow, string | null>({
  name: 'skm ingest',
  maxBatch: 100,
  maxInFlight: 1,
  one: (db, r) => ingestResponse(db, r),
  many: (db, rs) => ingestResponses(db, rs),
});

/** answeredAt may be this far in the future (device clocks drift) … */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
/** … and this old (an offline queue older than a month is refused with 400). */
export const MAX_AGE_DAYS = 30;
export const FLAG_WINDOW_MS = 10 * 60_000;
const REPEAT_WINDOW_MS = { online: 10 * 60_000, kiosk: 2 * 60_000 } as const;
/** More answers than this from one device/address for one unit in FLAG_WINDOW_MS → 'burst'. */
export const BURST_LIMIT = { online: 10, kiosk: 40 } as const;

// Questionnaire versions never change once made: cache them per process.
const questionnaireCache = new Map<string, Questionnaire>();
async function questionnaireById(db: Db, tenantId: string, id: string): Promise<Questionnaire | null> {
  const k = `${tenantId}:${id}`;
  const hit = questionnaireCache.get(k);
  if (hit) return hit;
  const q = await getQuestionnaire(db, tenantId, id);
  if (q) {
    if (questionnaireCache.size > 500) questionnaireCache.clear();
    questionnaireCache.set(k, q);
  }
  return q;
}

export async function publicForm(db: Db, tenant: TenantRef, q: { unit: string; loket?: string; petugas?: string }): Promise<TSkmPublicForm> {
  const unit = await repo.findUnit(db, tenant.id, q.unit);
  if (!unit || !unit.is_active) throw new AppError('NOT_FOUND');
  const [questionnaire, services, counter] = await Promise.all([
    currentQuestionnaire(db, tenant.id),
    repo.listUnitServices(db, tenant.id, unit.id),
    q.loket ? repo.findCounterByCode(db, tenant.id, unit.id, q.loket) : Promise.resolve(undefined),
  ]);
  return {
    tenantName: tenant.name,
    unit: { id: unit.id, name: unit.name, opdName: unit.opd_name },
    counter: counter && counter.is_active ? { code: counter.code, name: counter.name } : null,
    officerCode: q.petugas && /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(q.petugas) ? q.petugas : null,
    questionnaire: { id: questionnaire.id, version: questionnaire.version, unsur: questionnaire.unsur.map((u) => ({ key: u.key, name: u.name, options: u.options })) },
    services: services.map((s) => ({ id: s.id, name: s.name })),
    educationOptions: [...SKM_EDUCATION],
    occupationOptions: [...SKM_OCCUPATION],
    sexOptions: [...SKM_SEX],
  };
}

export function answersHash(answers: Record<string, number>): string {
  const canonical = Object.keys(answers).sort().map((k) => `${k}=${answers[k]}`).join('&');
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export function fingerprintOf(tenantId: string, ip: string, userAgent: string | undefined): string {
  return crypto.createHash('sha256').update(`${tenantId}|${ip}|${userAgent ?? ''}`).digest('hex').slice(0, 32);
}

const invalid = (key: MessageKey, field: string, params: Record<string, string | number> = {}) =>
  new AppError('VALIDATION', { detail: field, ...params }, [{ field }], key);

export interface SubmitMeta {
  ip: string;
  userAgent?: string;
  now?: Date;
}

/** A tiny per-process cache with a time limit (units, counters and services change rarely). */
const TTL_MS = 30_000;
const ttlCache = new Map<string, { at: number; value: unknown }>();
async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = ttlCache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T;
  const value = await load();
  if (ttlCache.size > 5000) ttlCache.clear();
  ttlCache.set(key, { at: Date.now(), value });
  return value;
}

/** Drops the cached counters of a unit (after a counter changes in this process). */
export function forgetCounters(tenantId: string, unitId: string): void {
  ttlCache.delete(`c:${tenantId}:${unitId}`);
}

/**
 * Stores one answer. Validation reads cached look-ups (a unit deactivated less than 30 s
 * ago may still receive answers); the write is one statement (ingest-repo.ts). A refused
 * body whose clientId is already stored answers 200 with the stored id (a resend after a
 * questionnaire change or a month offline still counts once and never fails).
 */
export async function submitResponse(db: Db, tenant: TenantRef, body: TSkmSubmitBody, meta: SubmitMeta): Promise<{ id: string; created: boolean }> {
  try {
    return await submitChecked(db, tenant, body, meta);
  } catch (e) {
    if (e instanceof AppError) {
      const known = await repo.responseIdByClientId(db, tenant.id, body.clientId);
      if (known) return { id: known, created: false };
    }
    throw e;
  }
}

async function submitChecked(db: Db, tenant: TenantRef, body: TSkmSubmitBody, meta: SubmitMeta): Promise<{ id: string; created: boolean }> {
  const now = meta.now ?? new Date();
  const answeredAt = new Date(body.answeredAt);
  if (answeredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('skm.answeredAtFuture', 'answeredAt');
  if (answeredAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000) throw invalid('skm.answeredAtTooOld', 'answeredAt', { days: MAX_AGE_DAYS });

  const [unit, questionnaire] = await Promise.all([
    cached(`u:${tenant.id}:${body.unitId}`, () => repo.findUnit(db, tenant.id, body.unitId)),
    questionnaireById(db, tenant.id, body.questionnaireId),
  ]);
  if (!unit || !unit.is_active) throw invalid('skm.unknownUnit', 'unitId');
  if (!questionnaire) throw invalid('skm.unknownQuestionnaire', 'questionnaireId');
  const keys = new Set(questionnaire.unsur.map((u) => u.key));
  for (const k of Object.keys(body.answers)) if (!keys.has(k)) throw invalid('skm.unknownUnsur', `answers.${k}`, { key: k });

  const [counters, services] = await Promise.all([
    body.loket ? cached(`c:${tenant.id}:${unit.id}`, () => repo.listCounters(db, tenant.id, unit.id)) : Promise.resolve([]),
    body.profile.serviceId ? cached(`s:${tenant.id}:${unit.id}`, () => repo.listUnitServices(db, tenant.id, unit.id)) : Promise.resolve([]),
  ]);
  if (body.profile.serviceId && !services.some((s) => s.id === body.profile.serviceId)) throw invalid('skm.unknownService', 'profile.serviceId');
  const counter = body.loket ? counters.find((c) => c.code === body.loket && c.is_active) : undefined;

  const mode = body.mode ?? 'online';
  const local = localParts(answeredAt, tenant.timezone);
  const officer = body.petugas && /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(body.petugas) ? body.petugas : null;
  const id = await ingestWriter.write(db, {
    tenantId: tenant.id,
    clientId: body.clientId,
    unitId: unit.id,
    counterId: counter?.id ?? null,
    officerCode: officer,
    questionnaireId: questionnaire.id,
    answers: body.answers,
    sex: body.profile.sex ?? null,
    age: body.profile.age ?? null,
    ageBand: ageBand(body.profile.age),
    education: body.profile.education ?? null,
    occupation: body.profile.occupation ?? null,
    serviceId: body.profile.serviceId ?? null,
    answeredAt,
    answeredOn: local.date,
    month: monthOf(local.date),
    timeSlot: timeSlot(local.hour),
    suggestion: body.suggestion?.trim() || null,
    source: mode,
    fingerprint: fingerprintOf(tenant.id, meta.ip, meta.userAgent),
    answersHash: answersHash(body.answers),
    repeatWindowSeconds: REPEAT_WINDOW_MS[mode] / 1000,
    burstLimit: BURST_LIMIT[mode],
    flagWindowSeconds: FLAG_WINDOW_MS / 1000,
  });
  if (id) return { id, created: true };
  // The clientId is known (a resend, or a double tap racing itself): the stored row wins.
  const existing = await repo.responseIdByClientId(db, tenant.id, body.clientId);
  return { id: existing!, created: false };
}
