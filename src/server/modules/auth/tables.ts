import type { ColumnType, Generated } from 'kysely';
import type { RoleName } from '../../../shared/schemas/auth.js';

/** One list of roles for server and client: `ROLES` in src/shared/schemas/auth.ts. */
export type Role = RoleName;

export interface AppUserTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string | null;
  locale: Generated<'id' | 'en'>;
  is_active: Generated<boolean>;
  last_login_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface UserRoleTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  role: Role;
  opd_id: string | null;
}

export interface SessionTable {
  id_hash: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** Failure counters of login throttling (throttle.ts, ADR 0026). */
export interface LoginThrottleTable {
  tenant_id: string;
  scope: 'address' | 'account' | 'client';
  key: string;
  user_id: string | null;
  failures: number;
  last_failed_at: Date;
  blocked_until: Date | null;
  expires_at: Date;
}

/** Known devices: browsers that signed a user in (only the device token's hash is kept). */
export interface LoginDeviceTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  expires_at: Date;
}

export interface AuthTables {
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  login_device: LoginDeviceTable;
}
