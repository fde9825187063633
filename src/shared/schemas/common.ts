/**
 * Schemas shared by several modules. Request and response schemas are TypeBox (JSON
 * Schema): the server validates with them, the OpenAPI document is generated from them,
 * and the web client imports their static types (`Static<typeof X>`).
 * Convention: one file per module in this folder; object schemas are
 * `{ additionalProperties: false }` so unknown fields are refused.
 */
import { Type, type Static } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' });

export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'Stable error code, e.g. VALIDATION, FORBIDDEN' }),
    message: Type.String({ description: "Message in the caller's language" }),
    details: Type.Optional(Type.Unknown()),
    requestId: Type.String(),
  },
  { $id: 'ErrorResponse' },
);
export type TErrorResponse = Static<typeof ErrorResponse>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** Kemendagri code of a kecamatan (PP.KK.CC) or desa/kelurahan (PP.KK.CC.DDDD). */
export const RegionCode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}(\\.[0-9]{4})?$', description: 'Kemendagri region code' });

/** Calendar date 'YYYY-MM-DD'. */
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** Non-empty, trimmed-length-limited text. */
export const Text = (max: number, opts: { minLength?: number; description?: string } = {}) =>
  Type.String({ minLength: opts.minLength ?? 1, maxLength: max, ...(opts.description ? { description: opts.description } : {}) });
