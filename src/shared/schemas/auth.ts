/**
 * Schemas of the auth module: sign-in, the session, password change, users with their
 * role grants, and API tokens. Shared by the server (validation, OpenAPI) and the web
 * client (`Static<typeof X>`). Dates travel as ISO 8601 strings.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Text, Uuid } from './common.js';

/** Every role (PRODUCT.md "Who uses it"); superadmin acts across tenants. */
export const ROLES = ['warga', 'operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'admin', 'superadmin'] as const;
export type RoleName = (typeof ROLES)[number];
/** Roles that belong to one OPD and must name it. */
export const OPD_SCOPED_ROLES: readonly RoleName[] = ['operator_opd', 'kepala_opd'];

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask a little more). */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password accepted: argon2 takes any length, this only bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 256;

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const IsoTime = Type.String({ format: 'date-time' });

export const Role = Type.Unsafe<RoleName>(Type.String({ enum: [...ROLES], description: 'Role name' }));
export const LocaleName = Type.Unsafe<'id' | 'en'>(Type.String({ enum: ['id', 'en'], description: 'Preferred language' }));
export const Email = Type.String({ format: 'email', maxLength: 254, description: 'E-mail address (unique per tenant, case-insensitive)' });
export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: `At least ${PASSWORD_MIN_LENGTH} characters` });
export const Phone = Type.String({ pattern: '^[0-9+() -]{4,30}$', maxLength: 30, description: 'Phone number' });

// --- session ---------------------------------------------------------------------------

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    /** Tenant slug or Kemendagri code; only needed when the URL does not name the tenant. */
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Tenant slug or Kemendagri code' })),
  },
  { additionalProperties: false },
);
export type TLoginBody = Static<typeof LoginBody>;

/** One role grant as shown: OPD-scoped roles carry their OPD. */
export const RoleGrantView = Type.Object(
  { role: Role, opdId: Nullable(Uuid), opdName: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type TRoleGrantView = Static<typeof RoleGrantView>;

export const SessionTenant = Type.Object(
  {
    id: Uuid,
    code: Type.String({ description: 'Kemendagri code' }),
    name: Type.String(),
    slug: Type.String(),
    isDemo: Type.Boolean(),
    timezone: Type.String({ description: 'Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)' }),
  },
  { additionalProperties: false },
);

export const SessionUser = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    email: Type.String(),
    locale: LocaleName,
    roles: Type.Array(RoleGrantView),
    tenant: SessionTenant,
  },
  { additionalProperties: false },
);
export type TSessionUser = Static<typeof SessionUser>;

export const SessionResponse = Type.Object(
  {
    user: SessionUser,
    /** Send back in the X-CSRF-Token header on every cookie-authenticated write; null for API-token callers. */
    csrfToken: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type TSessionResponse = Static<typeof SessionResponse>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }), newPassword: Password },
  { additionalProperties: false },
);
export type TChangePasswordBody = Static<typeof ChangePasswordBody>;

// --- users -----------------------------------------------------------------------------

export const User = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    phone: Nullable(Type.String()),
    locale: LocaleName,
    isActive: Type.Boolean(),
    /**
     * Set while a sign-in lock on the account lasts for some client (an address or device
     * locked out, or unknown devices slowed down; ADR 0026): the latest end. An admin
     * setting a password lifts it.
     */
    lockedUntil: Nullable(IsoTime),
    lastLoginAt: Nullable(IsoTime),
    roles: Type.Array(RoleGrantView),
  },
  { additionalProperties: false },
);
export type TUser = Static<typeof User>;

export const UserList = Type.Object({ items: Type.Array(User) }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  {
    opdId: Type.Optional(Uuid),
    role: Type.Optional(Role),
    /** Part of the name or e-mail. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type TUserListQuery = Static<typeof UserListQuery>;

export const RoleGrantInput = Type.Object(
  { role: Role, opdId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type TRoleGrantInput = Static<typeof RoleGrantInput>;

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Text(200),
    phone: Type.Optional(Nullable(Phone)),
    password: Password,
    locale: Type.Optional(LocaleName),
    roles: Type.Array(RoleGrantInput, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type TCreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Text(200)),
    phone: Type.Optional(Nullable(Phone)),
    isActive: Type.Optional(Type.Boolean()),
    locale: Type.Optional(LocaleName),
    /** The complete new set of grants (replaces the old one). */
    roles: Type.Optional(Type.Array(RoleGrantInput, { maxItems: 20 })),
    /** Sets a new password; ends the user's sessions and lifts a lockout. */
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type TUpdateUserBody = Static<typeof UpdateUserBody>;

// --- API tokens ------------------------------------------------------------------------

export const ApiToken = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    /** First characters of the token, to tell tokens apart. */
    prefix: Type.String(),
    createdAt: IsoTime,
    lastUsedAt: Nullable(IsoTime),
    expiresAt: Nullable(IsoTime),
    revokedAt: Nullable(IsoTime),
  },
  { additionalProperties: false },
);
export type TApiToken = Static<typeof ApiToken>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) }, { additionalProperties: false });

export const ApiTokenListQuery = Type.Object(
  { /** Another user's tokens (admin only); default: your own. */ userId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const CreateApiTokenBody = Type.Object(
  {
    name: Text(100),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Days until the token stops working; none: never' })),
  },
  { additionalProperties: false },
);
export type TCreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const CreatedApiToken = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    prefix: Type.String(),
    /** The secret, shown this once: only its hash is stored. */
    token: Type.String(),
    expiresAt: Nullable(IsoTime),
  },
  { additionalProperties: false },
);
export type TCreatedApiToken = Static<typeof CreatedApiToken>;
