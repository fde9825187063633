/** CLI commands of the auth module (listed by src/cli/index.ts). */
import type { CliCommand, CliContext } from '../../../cli/command.js';
import { systemContext, type TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { pickLocale, t, type Locale } from '../../../shared/i18n/index.js';
import { OPD_SCOPED_ROLES, ROLES, type RoleName } from '../../../shared/schemas/auth.js';
import type { Executor } from '../../db/index.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { opdByShortName, someTenants, tenantByKey } from './repo.js';
import { createUser } from './users-service.js';

/** Exit codes: 0 done, 1 refused (unknown tenant or OPD, e-mail taken…), 2 wrong usage. */
const EXIT = { OK: 0, REFUSED: 1, USAGE: 2 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class CliFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

function stringArg(ctx: CliContext, name: string, required: boolean): string | undefined {
  const v = ctx.args[name];
  if (v === undefined || v === false) {
    if (required) throw new CliFailure(`Missing --${name}.`, EXIT.USAGE);
    return undefined;
  }
  if (v === true || v.trim() === '') throw new CliFailure(`--${name} needs a value.`, EXIT.USAGE);
  return v.trim();
}

/** --tenant (code or slug), else the configured default tenant, else the only tenant. */
async function pickTenant(db: Executor, ctx: CliContext, key: string | undefined): Promise<TenantRef> {
  if (key) {
    const tenant = await tenantByKey(db, key);
    if (!tenant) throw new CliFailure(`No tenant with code or slug "${key}".`, EXIT.REFUSED);
    return tenant;
  }
  if (ctx.config.defaultTenantCode) {
    const tenant = await tenantByKey(db, ctx.config.defaultTenantCode);
    if (!tenant) throw new CliFailure(`The default tenant ${ctx.config.defaultTenantCode} (PRIMA_DEFAULT_TENANT) does not exist.`, EXIT.REFUSED);
    return tenant;
  }
  const tenants = await someTenants(db, 2);
  if (tenants.length === 0) throw new CliFailure('There is no tenant yet: create one first (or run seed-demo).', EXIT.REFUSED);
  if (tenants.length > 1) throw new CliFailure('There are several tenants: name one with --tenant CODE.', EXIT.USAGE);
  return tenants[0];
}

function describeAppError(err: AppError, locale: Locale): string {
  const message = t(locale, err.messageKey ?? `error.${err.code}`, err.params);
  const details = Array.isArray(err.details) ? (err.details as Array<{ message?: string }>).map((d) => d.message).filter(Boolean) : [];
  return details.length && !details.includes(message) ? `${message} (${details.join('; ')})` : message;
}

export const createUserCommand: CliCommand = {
  name: 'create-user',
  summary: 'Create a user with one role',
  usage: `create-user --email E --name N --password P --role R [--opd SHORTNAME] [--tenant CODE]
  R: ${ROLES.join(', ')}; operator_opd and kepala_opd need --opd (the OPD's short name).
  P: at least ${MIN_PASSWORD_LENGTH} characters. CODE: Kemendagri code or slug (default: the only tenant).`,
  async run(ctx) {
    const locale = pickLocale(null, process.env.LANG?.replace('_', '-'));
    try {
      const email = stringArg(ctx, 'email', true)!.toLowerCase();
      const name = stringArg(ctx, 'name', true)!;
      const password = stringArg(ctx, 'password', true)!;
      const role = stringArg(ctx, 'role', true)! as RoleName;
      const opdShort = stringArg(ctx, 'opd', false);
      const tenantKey = stringArg(ctx, 'tenant', false);
      if (!EMAIL.test(email)) throw new CliFailure(`"${email}" is not an e-mail address.`, EXIT.USAGE);
      if (!ROLES.includes(role)) throw new CliFailure(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`, EXIT.USAGE);
      const scoped = OPD_SCOPED_ROLES.includes(role);
      if (scoped && !opdShort) throw new CliFailure(`The role ${role} needs --opd SHORTNAME.`, EXIT.USAGE);
      if (!scoped && opdShort) throw new CliFailure(`The role ${role} is not tied to an OPD; leave out --opd.`, EXIT.USAGE);

      const { db } = await ctx.openDb();
      const tenant = await pickTenant(db, ctx, tenantKey);
      let opdId: string | undefined;
      if (opdShort) {
        const opd = await opdByShortName(db, tenant.id, opdShort);
        if (!opd) throw new CliFailure(`No OPD with short name "${opdShort}" in ${tenant.name}.`, EXIT.REFUSED);
        opdId = opd.id;
      }
      const sys = { ...systemContext(tenant, 'cli create-user'), locale };
      const user = await createUser(db, sys, tenant.id, { email, name, password, roles: [{ role, opdId }] }, 'system');
      ctx.out(`Created ${user.email} (${user.id}) in ${tenant.name} [${tenant.code}] as ${role}${opdShort ? ` of ${opdShort}` : ''}.`);
      return EXIT.OK;
    } catch (err) {
      if (err instanceof CliFailure) {
        console.error(`create-user: ${err.message}${err.exitCode === EXIT.USAGE ? `\nUsage: npm run cli -- ${createUserCommand.usage}` : ''}`);
        return err.exitCode;
      }
      if (err instanceof AppError && err.status < 500) {
        console.error(`create-user: ${describeAppError(err, locale)}`);
        return err.code === 'VALIDATION' ? EXIT.USAGE : EXIT.REFUSED;
      }
      throw err;
    }
  },
};

export const authCommands: CliCommand[] = [createUserCommand];
