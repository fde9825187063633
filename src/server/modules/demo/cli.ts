/** `seed-demo`: the demo region on demand (start-up seeds it only into an empty database). */
import type { CliCommand } from '../../../cli/command.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../../shared/i18n/index.js';
import { countOrganisation, countRegions } from '../organisation/repo.js';
import { seedDemo } from './seed.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  summary: 'Create the demo region (Kabupaten Tanah Bumbu) unless it exists, and print its accounts',
  usage: 'seed-demo',
  async run(ctx) {
    const { db } = await ctx.openDb();
    let outcome;
    try {
      outcome = await seedDemo(db);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.out(`Cannot seed the demo region: ${t('en', err.messageKey ?? `error.${err.code}`, err.params)} (another tenant uses code 63.10 or slug tanah-bumbu)`);
      return 1;
    }
    ctx.out(outcome.created ? `Demo region seeded (DATA DEMO): ${outcome.tenantName}` : `Demo region already present: ${outcome.tenantName}`);
    if (outcome.tenantId) {
      const org = await countOrganisation(db, outcome.tenantId);
      const regions = await countRegions(db, outcome.tenantId);
      ctx.out(`  ${regions.kecamatan ?? 0} kecamatan, ${(regions.desa ?? 0) + (regions.kelurahan ?? 0)} desa/kelurahan, ${org.opds} OPDs, ${org.units} units, ${org.services} services`);
    }
    ctx.out(`Demo accounts (password for all: ${outcome.password}):`);
    for (const a of outcome.accounts) ctx.out(`  ${a.role.padEnd(14)} ${a.email}`);
    return 0;
  },
};

export const demoCommands: CliCommand[] = [seedDemoCommand];
