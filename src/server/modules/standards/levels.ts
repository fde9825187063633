/** The availability level and the newest version per service, read in one query (level.ts). */
import type { Executor } from '../../db/index.js';
import type { TComponents } from '../../../shared/schemas/standards.js';
import { missingComponents } from './components.js';
import { availabilityLevel, factsFromVersions, type Level } from './level.js';
import * as repo from './repo.js';

const CURRENT = ['published', 'under_review', 'revised'];

export interface ServiceStandardSummary {
  level: Level;
  latest: { id: string; version: number; status: string; reviewDueAt: Date | null } | null;
  openComments: number;
  /** Components of the version the public sees (published, under review or being revised). */
  current: { id: string; version: number; components: TComponents } | null;
}

export async function summaries(db: Executor, tenantId: string, serviceIds: readonly string[]): Promise<Map<string, ServiceStandardSummary>> {
  const rows = await repo.versionFacts(db, tenantId, serviceIds);
  const by = new Map<string, typeof rows>();
  for (const r of rows) by.set(r.service_id, [...(by.get(r.service_id) ?? []), r]);
  const out = new Map<string, ServiceStandardSummary>();
  for (const id of serviceIds) {
    const versions = (by.get(id) ?? []).sort((a, b) => b.version - a.version);
    const facts = factsFromVersions(versions.map((v) => ({
      version: v.version,
      status: v.status,
      complete: missingComponents(v.components as TComponents).length === 0,
      consulted: v.consultation_start !== null,
      answeredComments: Number(v.answered ?? 0),
      reviewCompleted: v.review_completed_at !== null,
    })));
    const top = versions[0];
    out.set(id, {
      level: availabilityLevel(facts),
      latest: top ? { id: top.id, version: top.version, status: top.status, reviewDueAt: top.review_due_at } : null,
      openComments: versions.reduce((n, v) => n + Number(v.unanswered ?? 0), 0),
      current: ((c) => (c ? { id: c.id, version: c.version, components: c.components as TComponents } : null))(versions.find((v) => CURRENT.includes(v.status))),
    });
  }
  return out;
}
