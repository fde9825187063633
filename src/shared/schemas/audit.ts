/** Request and response schemas of the audit module (GET /audit, GET /audit/verify). */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

/** Page size of GET /audit. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export const AuditListQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Entity type, e.g. 'opd', 'user'" })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Id of the entity' })),
    actorId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Action, e.g. 'opd.create'" })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: only entries with a smaller id (the nextCursor of the previous page)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT, description: 'Page size' })),
  },
  { additionalProperties: false },
);
export type TAuditListQuery = Static<typeof AuditListQuery>;

const JsonObjectOrNull = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const AuditEntry = Type.Object(
  {
    id: Type.Integer({ description: 'Entry id (increasing in insertion order, not in chain order)' }),
    at: Type.String({ format: 'date-time', description: 'When the change was written' }),
    actorId: Type.Union([Uuid, Type.Null()], { description: 'Acting user; null for the system' }),
    actorLabel: Type.String({ description: 'Name and e-mail of the actor at the time, or the system job' }),
    action: Type.String({ description: "Verb '<entity>.<verb>', e.g. 'opd.create'" }),
    entityType: Type.String(),
    entityId: Type.Union([Type.String(), Type.Null()]),
    before: JsonObjectOrNull,
    after: JsonObjectOrNull,
    requestId: Type.Union([Type.String(), Type.Null()], { description: 'Request that caused the change' }),
    chainPos: Type.Union([Type.Integer(), Type.Null()], { description: "Position in the tenant's hash chain; null until sealed" }),
    sealed: Type.Boolean({ description: 'Sealed into the hash chain (a few seconds after the write)' }),
  },
  { additionalProperties: false },
);
export type TAuditEntry = Static<typeof AuditEntry>;

export const AuditListResponse = Type.Object(
  {
    items: Type.Array(AuditEntry),
    nextCursor: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as `before` for the next page; null on the last page' }),
  },
  { additionalProperties: false },
);
export type TAuditListResponse = Static<typeof AuditListResponse>;

export const ChainProblem = Type.Object(
  {
    kind: Type.Union([Type.Literal('altered'), Type.Literal('missing'), Type.Literal('broken_link'), Type.Literal('head_mismatch')]),
    chainPos: Type.Integer({ description: 'Position of the altered row, or of the first missing one' }),
    id: Type.Union([Type.Integer(), Type.Null()], { description: 'Id of the row at fault; null when it is gone' }),
    message: Type.String({ description: "Explanation in the caller's language" }),
  },
  { additionalProperties: false },
);

export const AuditVerifyResponse = Type.Object(
  {
    ok: Type.Boolean(),
    checked: Type.Integer({ description: 'Sealed rows checked' }),
    unsealed: Type.Integer({ description: 'Rows not yet sealed into the chain' }),
    problem: Type.Union([ChainProblem, Type.Null()], { description: 'The first problem found, or null' }),
  },
  { additionalProperties: false },
);
export type TAuditVerifyResponse = Static<typeof AuditVerifyResponse>;
