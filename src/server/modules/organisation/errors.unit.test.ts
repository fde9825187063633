import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { duplicate, rethrowUnique } from './errors.js';

describe('organisation errors', () => {
  it('names the duplicated field in the caller language', () => {
    expect(duplicate('id', 'shortName')).toMatchObject({ code: 'DUPLICATE', status: 409, params: { field: 'singkatan' }, details: [{ field: 'shortName', message: 'Data dengan singkatan yang sama sudah ada.' }] });
    expect(duplicate('en', 'name').details).toEqual([{ field: 'name', message: 'An entry with the same name already exists.' }]);
  });

  it('turns a unique violation that slipped past a check into DUPLICATE, and rethrows anything else', () => {
    const race = Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'opd_short_name_uq' });
    expect(() => rethrowUnique('en')(race)).toThrow(AppError);
    try {
      rethrowUnique('en')(race);
    } catch (err) {
      expect(err).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'shortName' }] });
    }
    const other = Object.assign(new Error('fk'), { code: '23503', constraint: 'opd_tenant_id_fkey' });
    expect(() => rethrowUnique('en')(other)).toThrow(other);
    const unknownIndex = Object.assign(new Error('dup'), { code: '23505', constraint: 'something_else' });
    expect(() => rethrowUnique('en')(unknownIndex)).toThrow(unknownIndex);
  });
});
