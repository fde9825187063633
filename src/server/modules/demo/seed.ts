/**
 * The demo region (issue #2 part 9): Kabupaten Tanah Bumbu with its real kecamatan and
 * desa/kelurahan, about thirty typical OPDs with units and services, and one account per
 * role, all sharing DEMO_PASSWORD. The tenant is marked is_demo, so every page can label
 * it DATA DEMO.
 *
 * Idempotent: one transaction under an advisory lock, skipped when the demo tenant already
 * exists, so a restart — or several app processes starting at once — never duplicates it.
 * Audited as the system ('seed-demo').
 */
import type { Db } from '../../db/index.js';
import type { Deps } from '../../platform/deps.js';
import { systemContext } from '../../platform/context.js';
import { recordAudit } from '../audit/record.js';
import { hashPassword } from '../auth/password.js';
import * as orgRepo from '../organisation/repo.js';
import { auditShape } from '../organisation/present.js';
import { insertTenantWithRegions } from '../organisation/tenant-service.js';
import { regionsOf } from '../organisation/region-data.js';
import { DEMO_ACCOUNTS, DEMO_CODE, DEMO_NAME, DEMO_OPDS, DEMO_PASSWORD, DEMO_SLUG } from './data.js';
import { findDemoTenant, insertUser } from './repo.js';
import { seedDemoComplaintSetup } from '../complaints/categories-service.js';
import { seedDemoRouting } from '../routing/demo.js';
import { seedDemoStandards } from '../standards/demo.js';
import { seedDemoCompliance } from '../compliance/demo.js';
import { seedDemoSkm } from '../skm/demo.js';

export interface DemoSeedResult {
  tenantName: string;
  password: string;
  accounts: { role: string; email: string }[];
}

export interface DemoSeedOutcome extends DemoSeedResult {
  /** False when the demo tenant was already there (or, with onlyIfEmpty, any tenant). */
  created: boolean;
  tenantId: string | null;
}

function result(created: boolean, tenantId: string | null): DemoSeedOutcome {
  return {
    created,
    tenantId,
    tenantName: DEMO_NAME,
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.map((a) => ({ role: a.role, email: a.email })),
  };
}

/** Kecamatan name (as the region data spells it) → code, for the demo's offices. */
function kecamatanCodes(): Map<string, string> {
  return new Map(regionsOf(DEMO_CODE).filter((r) => r.level === 'kecamatan').map((r) => [r.name, r.code]));
}

/**
 * Seeds the demo region unless it exists. With `onlyIfEmpty`, only into a database without
 * any tenant (the start-up case). Throws if another, non-demo tenant holds code 63.10 or
 * the slug 'tanah-bumbu'.
 */
export async function seedDemo(db: Db, opts: { onlyIfEmpty?: boolean } = {}): Promise<DemoSeedOutcome> {
  const existing = await findDemoTenant(db, DEMO_CODE);
  if (existing?.is_demo) return result(false, existing.id);
  if (opts.onlyIfEmpty && (await orgRepo.countTenants(db)) > 0) return result(false, null);

  // argon2 is slow on purpose (≈0.4 s a hash here): hash once, before taking the lock. The
  // accounts share one hash because they share one published password; a salt per account
  // would protect nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const kecamatan = kecamatanCodes();
  const codeOf = (name: string | undefined) => {
    if (!name) return null;
    const code = kecamatan.get(name);
    if (!code) throw new Error(`demo data: no kecamatan "${name}" in ${DEMO_CODE}`);
    return code;
  };
  const ctx = systemContext(null, 'seed-demo');

  return db.transaction().execute(async (tx) => {
    // Several app processes may start on one empty database at once: one seeds, the
    // others wait here and then find the tenant.
    await orgRepo.lockFor(tx, 'demo-seed');
    const again = await findDemoTenant(tx, DEMO_CODE);
    if (again?.is_demo) return result(false, again.id);
    if (opts.onlyIfEmpty && (await orgRepo.countTenants(tx)) > 0) return result(false, null);

    const tenant = await insertTenantWithRegions(tx, ctx, { code: DEMO_CODE, slug: DEMO_SLUG, timezone: 'Asia/Makassar', name: DEMO_NAME, isDemo: true });
    const audit = (action: string, entityType: string, row: Record<string, unknown> & { id: string }) =>
      recordAudit(tx, ctx, tenant.id, { action, entityType, entityId: row.id, before: null, after: auditShape(row) });

    const opdIds = new Map<string, string>();
    for (const o of DEMO_OPDS) {
      const [opd] = await orgRepo.insertOpds(tx, [
        { tenant_id: tenant.id, name: o.name, short_name: o.shortName, type: o.type, head_name: null, head_title: o.headTitle, region_code: codeOf(o.kecamatan) },
      ]);
      opdIds.set(o.shortName, opd.id);
      await audit('opd.create', 'opd', opd);
      for (const u of o.units) {
        const [unit] = await orgRepo.insertUnits(tx, [
          { tenant_id: tenant.id, opd_id: opd.id, name: u.name, address: u.address ?? null, region_code: codeOf(u.kecamatan) },
        ]);
        await audit('unit.create', 'service_unit', unit);
        const services = await orgRepo.insertServices(tx, u.services.map((name) => ({ tenant_id: tenant.id, unit_id: unit.id, name, description: null })));
        for (const s of services) await audit('service.create', 'service', s);
      }
    }
    // Complaint categories and the routing table of the demo region (issue [B]).
    await seedDemoComplaintSetup(tx, tenant.id);
    // Routing suggestions: keyword rules per OPD kind (issue #6 [G]).
    await seedDemoRouting(tx, tenant.id);
    // Service standards and maklumat (issue #5 [D]).
    await seedDemoStandards(tx, tenant.id);
    // Compliance self-assessments and PEKPPP (issue #5 [D]).
    await seedDemoCompliance(tx, tenant.id);
    // Satisfaction surveys: periods, answers, follow-up, publications (issue #4 [C]).
    await seedDemoSkm(tx, tenant.id);

    for (const a of DEMO_ACCOUNTS) {
      const opdId = a.opd ? opdIds.get(a.opd) : null;
      if (a.opd && !opdId) throw new Error(`demo data: no OPD "${a.opd}"`);
      const roles = [{ role: a.role, opdId: opdId ?? null }];
      const user = await insertUser(tx, tenant.id, { email: a.email, name: a.name, passwordHash, roles });
      await recordAudit(tx, ctx, tenant.id, { action: 'user.create', entityType: 'user', entityId: user.id, before: null, after: { ...user, roles } });
    }
    return result(true, tenant.id);
  });
}

/** Start-up hook (main.ts): seeds the demo into an empty database; null when it did nothing. */
export async function seedDemoIfEmpty(deps: Deps): Promise<DemoSeedResult | null> {
  const outcome = await seedDemo(deps.db, { onlyIfEmpty: true });
  if (!outcome.created) return null;
  const { tenantName, password, accounts } = outcome;
  return { tenantName, password, accounts };
}
