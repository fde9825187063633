import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, canonicalRow, rowHash, type AuditRowContent } from './hash.js';

const row: AuditRowContent = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  id: 42,
  at: '2026-11-22T03:04:05.123456Z',
  actorId: null,
  actorLabel: 'system',
  action: 'opd.create',
  entityType: 'opd',
  entityId: 'abc',
  beforeText: null,
  afterText: '{"name": "Dinas Kesehatan", "head": {"title": "Kepala", "name": "Budi"}, "tags": ["b", "a"]}',
  requestId: 'req-1',
};

describe('canonical serialisation', () => {
  it('sorts object keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('does not depend on the key order or whitespace of the stored JSON', () => {
    const reordered = { ...row, afterText: '{"tags":["b","a"],"head":{"name":"Budi","title":"Kepala"},"name":"Dinas Kesehatan"}' };
    expect(rowHash(reordered, 1, GENESIS_HASH)).toBe(rowHash(row, 1, GENESIS_HASH));
  });

  it('is the sha256 of the documented canonical string', () => {
    const text = canonicalRow(row, 7, 'f'.repeat(64));
    expect(text).toBe(
      '{"action":"opd.create","actorId":null,"actorLabel":"system",' +
        '"after":{"head":{"name":"Budi","title":"Kepala"},"name":"Dinas Kesehatan","tags":["b","a"]},' +
        '"at":"2026-11-22T03:04:05.123456Z","before":null,"chainPos":"7","entityId":"abc","entityType":"opd",' +
        '"format":"prima-audit/1","id":"42","prevHash":"' + 'f'.repeat(64) + '","requestId":"req-1",' +
        '"tenantId":"11111111-1111-4111-8111-111111111111"}',
    );
    expect(rowHash(row, 7, 'f'.repeat(64))).toBe(crypto.createHash('sha256').update(text).digest('hex'));
  });

  it('changes with every field, the position and the previous hash', () => {
    const base = rowHash(row, 1, GENESIS_HASH);
    const variants: AuditRowContent[] = [
      { ...row, tenantId: '22222222-2222-4222-8222-222222222222' },
      { ...row, id: 43 },
      { ...row, at: '2026-11-22T03:04:05.123457Z' }, // one microsecond
      { ...row, actorId: '33333333-3333-4333-8333-333333333333' },
      { ...row, actorLabel: 'someone' },
      { ...row, action: 'opd.update' },
      { ...row, entityType: 'unit' },
      { ...row, entityId: null },
      { ...row, beforeText: '{}' },
      { ...row, afterText: '{"name":"Dinas Kesehatan"}' },
      { ...row, requestId: null },
    ];
    const hashes = new Set([base, ...variants.map((v) => rowHash(v, 1, GENESIS_HASH)), rowHash(row, 2, GENESIS_HASH), rowHash(row, 1, 'a'.repeat(64))]);
    expect(hashes.size).toBe(variants.length + 3);
  });

  it('is a 64-digit hex string and the genesis hash is 64 zeros', () => {
    expect(rowHash(row, 1, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});
