/** CLI commands of the audit module (listed by src/cli/index.ts). */
import type { CliCommand } from '../../../cli/command.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { listTenants, tenantByCode } from './repo.js';
import { verifyChain } from './verify.js';

/**
 * `audit:verify [--tenant CODE] [--lang id|en]`: verifies every tenant's chain (or one),
 * one line per tenant. Exit code 1 when any chain has a problem, 2 on a usage error.
 * Verify only: pending rows are reported as unsealed, never sealed from here.
 */
export const auditVerifyCommand: CliCommand = {
  name: 'audit:verify',
  summary: 'Verify the audit hash chains; report the first altered or missing row',
  usage: 'audit:verify [--tenant CODE] [--lang id|en]',
  async run(ctx) {
    const locale: Locale = ctx.args.lang === 'id' ? 'id' : 'en';
    const { db } = await ctx.openDb();
    let tenants: Array<{ id: string; code: string; name: string }>;
    if (typeof ctx.args.tenant === 'string') {
      const one = await tenantByCode(db, ctx.args.tenant);
      if (!one) {
        ctx.out(t(locale, 'audit.cli.tenantUnknown', { code: ctx.args.tenant }));
        return 2;
      }
      tenants = [one];
    } else if (ctx.args.tenant !== undefined) {
      ctx.out(`Usage: ${this.usage}`);
      return 2;
    } else {
      tenants = await listTenants(db);
      if (tenants.length === 0) ctx.out(t(locale, 'audit.cli.noTenants'));
    }

    let failed = false;
    for (const tenant of tenants) {
      const label = `${tenant.code} ${tenant.name}`;
      const res = await verifyChain(db, tenant.id, { locale });
      if (res.problem) {
        failed = true;
        ctx.out(t(locale, 'audit.cli.problem', { tenant: label, kind: res.problem.kind, message: res.problem.message, checked: res.checked, unsealed: res.unsealed }));
      } else {
        ctx.out(t(locale, 'audit.cli.ok', { tenant: label, checked: res.checked, unsealed: res.unsealed }));
      }
    }
    return failed ? 1 : 0;
  },
};

export const auditCommands: CliCommand[] = [auditVerifyCommand];
