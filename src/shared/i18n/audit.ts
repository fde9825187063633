/** Messages of the audit module (keys prefixed 'audit.'). */
import { defineMessages } from './define.js';

export const auditMessages = defineMessages({
  id: {
    'audit.title': 'Jejak audit',
    // --- verification problems (GET /audit/verify, `audit:verify`) ---
    'audit.problem.altered': 'Baris audit pada posisi rantai {chainPos} (id {id}) telah diubah: isinya tidak cocok lagi dengan hash segelnya.',
    'audit.problem.missing': 'Baris audit pada posisi rantai {chainPos} hilang: baris berikutnya yang ada berada di posisi {nextPos} (id {nextId}).',
    'audit.problem.brokenLink': 'Rantai audit putus di posisi {chainPos} (id {id}): prev_hash tidak sama dengan hash baris di posisi {prevPos}; salah satu dari kedua baris itu telah ditulis ulang.',
    'audit.problem.truncated': 'Rantai audit berakhir di posisi {lastPos}, padahal kepala rantai mencatat posisi {headPos}: baris mulai posisi {chainPos} telah dihapus.',
    'audit.problem.headHash': 'Hash baris terakhir (posisi {chainPos}, id {id}) tidak sama dengan hash yang dicatat kepala rantai.',
    'audit.problem.headMissing': 'Kepala rantai audit tidak ada, padahal ada baris tersegel sampai posisi {maxPos}.',
    'audit.problem.beyondHead': 'Ada baris tersegel sampai posisi {maxPos}, melewati posisi {headPos} yang dicatat kepala rantai.',
    // --- CLI `audit:verify` ---
    'audit.cli.ok': '{tenant}: OK — {checked} baris tersegel diperiksa, {unsealed} belum tersegel.',
    'audit.cli.problem': '{tenant}: MASALAH ({kind}) — {message} ({checked} baris pertama utuh, {unsealed} belum tersegel.)',
    'audit.cli.tenantUnknown': 'Pemerintah daerah dengan kode {code} tidak ditemukan.',
    'audit.cli.noTenants': 'Belum ada pemerintah daerah.',
  },
  en: {
    'audit.title': 'Audit trail',
    'audit.problem.altered': 'The audit row at chain position {chainPos} (id {id}) was altered: its content no longer matches its sealed hash.',
    'audit.problem.missing': 'The audit row at chain position {chainPos} is missing: the next row present is at position {nextPos} (id {nextId}).',
    'audit.problem.brokenLink': 'The audit chain is broken at position {chainPos} (id {id}): prev_hash differs from the hash of the row at position {prevPos}; one of the two rows was rewritten.',
    'audit.problem.truncated': 'The audit chain ends at position {lastPos} but the chain head records position {headPos}: rows from position {chainPos} on were deleted.',
    'audit.problem.headHash': 'The hash of the last row (position {chainPos}, id {id}) differs from the hash recorded in the chain head.',
    'audit.problem.headMissing': 'The audit chain head is missing although rows are sealed up to position {maxPos}.',
    'audit.problem.beyondHead': 'Rows are sealed up to position {maxPos}, beyond position {headPos} recorded in the chain head.',
    'audit.cli.ok': '{tenant}: OK — {checked} sealed rows checked, {unsealed} not yet sealed.',
    'audit.cli.problem': '{tenant}: PROBLEM ({kind}) — {message} ({checked} first rows intact, {unsealed} not yet sealed.)',
    'audit.cli.tenantUnknown': 'No regional government with code {code}.',
    'audit.cli.noTenants': 'There are no regional governments yet.',
  },
});
