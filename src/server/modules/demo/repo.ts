/** SQL of the demo seed that is not the organisation module's: accounts and their roles. */
import type { Executor } from '../../db/index.js';
import type { Role } from '../auth/tables.js';

export async function findDemoTenant(db: Executor, code: string) {
  return db.selectFrom('tenant').select(['id', 'name', 'is_demo']).where('code', '=', code).executeTakeFirst();
}

export async function insertUser(
  tx: Executor,
  tenantId: string,
  user: { email: string; name: string; passwordHash: string; roles: Array<{ role: Role; opdId: string | null }> },
) {
  const row = await tx
    .insertInto('app_user')
    .values({ tenant_id: tenantId, email: user.email, name: user.name, phone: null, password_hash: user.passwordHash, last_login_at: null })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('user_role')
    .values(user.roles.map((r) => ({ tenant_id: tenantId, user_id: row.id, role: r.role, opd_id: r.opdId })))
    .execute();
  return row;
}
