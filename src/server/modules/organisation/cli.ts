/** CLI commands of the organisation module (listed by src/cli/index.ts), plus the demo seed. */
import fs from 'node:fs';
import type { CliCommand } from '../../../cli/command.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { IMPORT_KINDS, type ImportKind, type TImportRowError } from '../../../shared/schemas/organisation.js';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { demoCommands } from '../demo/cli.js';
import { importOrganisation } from './import-service.js';
import { findTenantByCode, listTenants } from './repo.js';

/**
 * `import-org --kind opds|units|services --file F [--tenant CODE] [--lang id|en]`: the same
 * all-or-nothing import as POST /org/import/:kind, run as the system. Prints each bad row;
 * exit code 1 when the file was refused, 2 on a usage error.
 */
export const importOrgCommand: CliCommand = {
  name: 'import-org',
  summary: 'Import OPDs, units or services from a CSV file (all or nothing)',
  usage: 'import-org --kind opds|units|services --file FILE [--tenant CODE] [--lang id|en]',
  async run(ctx) {
    const { kind, file, tenant: code } = ctx.args;
    const locale: Locale = ctx.args.lang === 'id' ? 'id' : 'en';
    if (typeof kind !== 'string' || !IMPORT_KINDS.includes(kind as ImportKind) || typeof file !== 'string' || (code !== undefined && typeof code !== 'string')) {
      ctx.out(`Usage: npm run cli -- ${this.usage}`);
      return 2;
    }
    let csv: string;
    try {
      csv = fs.readFileSync(file, 'utf8');
    } catch (err) {
      ctx.out(`Cannot read ${file}: ${(err as Error).message}`);
      return 2;
    }
    const { db } = await ctx.openDb();
    let tenant;
    if (code) {
      tenant = await findTenantByCode(db, code);
      if (!tenant) {
        ctx.out(`No tenant with code ${code}.`);
        return 2;
      }
    } else {
      const all = await listTenants(db);
      if (all.length !== 1) {
        ctx.out(all.length ? `There are ${all.length} tenants: pass --tenant CODE (${all.map((x) => x.code).join(', ')}).` : 'There is no tenant yet.');
        return 2;
      }
      tenant = all[0];
    }
    const sys = systemContext(
      { id: tenant.id, code: tenant.code, name: tenant.name, slug: tenant.slug, timezone: tenant.timezone, isDemo: tenant.is_demo },
      'cli:import-org',
    );
    sys.locale = locale;
    try {
      const { imported } = await importOrganisation(db, sys, tenant.id, kind as ImportKind, csv);
      ctx.out(`Imported ${imported} ${kind} into ${tenant.name} (${tenant.code}).`);
      return 0;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.out(t(locale, err.messageKey ?? `error.${err.code}`, err.params));
      if (err.code === 'IMPORT_INVALID') {
        for (const e of err.details as TImportRowError[]) ctx.out(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
      }
      return 1;
    }
  },
};

export const organisationCommands: CliCommand[] = [importOrgCommand, ...demoCommands];
