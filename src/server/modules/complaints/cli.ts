/** CLI commands of the complaints module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';
import { systemContext } from '../../platform/context.js';
import { recordAudit } from '../audit/record.js';
import { seedDefaultDeadlineRules } from './deadlines.js';

/**
 * `complaints-seed-deadlines --tenant <code|slug>`: adds the DOMAIN.md §2 default deadline
 * rules to a tenant that has none (tenants created before the complaints module, or by
 * hand). Idempotent. Without --tenant: every tenant.
 */
export const seedDeadlinesCommand: CliCommand = {
  name: 'complaints-seed-deadlines',
  summary: 'Add the default deadline rules (DOMAIN.md §2) to a tenant, or to every tenant, where missing',
  usage: 'complaints-seed-deadlines [--tenant <code|slug>]',
  async run(ctx) {
    const { db } = await ctx.openDb();
    const which = typeof ctx.args.tenant === 'string' ? ctx.args.tenant : null;
    let q = db.selectFrom('tenant').select(['id', 'code', 'slug', 'name']);
    if (which) q = q.where((eb) => eb.or([eb('code', '=', which), eb('slug', '=', which)]));
    const tenants = await q.orderBy('code').execute();
    if (which && !tenants.length) {
      ctx.out(`No tenant with code or slug "${which}".`);
      return 1;
    }
    for (const t of tenants) {
      const added = await db.transaction().execute(async (tx) => {
        const n = await seedDefaultDeadlineRules(tx, t.id);
        if (n) await recordAudit(tx, systemContext(null, 'cli complaints-seed-deadlines'), t.id, { action: 'deadline_rule.seed_defaults', entityType: 'deadline_rule', before: null, after: { added: n } });
        return n;
      });
      ctx.out(`${t.code} ${t.name}: ${added ? `${added} default rule(s) added` : 'already has the default rules'}`);
    }
    return 0;
  },
};

export const complaintsCommands: CliCommand[] = [seedDeadlinesCommand];
