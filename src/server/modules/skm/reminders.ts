/**
 * Overdue follow-ups are reminded once: a conditional UPDATE claims every follow-up still
 * planned or in progress whose due date (tenant-local) has passed and that was never
 * reminded, and in the same transaction the outbox gets one e-mail per operator/head of
 * the unit's OPD (dedupe key per follow-up and recipient). Two runs, or two processes,
 * never remind twice. Moving the due date re-arms the reminder.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { enqueueNotification } from '../notifications/service.js';
import { recipients } from '../auth/repo.js';

export interface ReminderRun {
  claimed: number;
  messages: number;
}

export async function remindOverdueFollowups(db: Db, limit = 200): Promise<ReminderRun> {
  return db.transaction().execute(async (tx) => {
    const claimed = await sql<{ tenant_id: string; id: string; action: string; unsur_key: string; due_on: string; opd_id: string; opd_name: string; unit_name: string }>`
      WITH due AS (
        SELECT f.tenant_id, f.id
        FROM skm_followup f JOIN tenant t ON t.id = f.tenant_id
        WHERE f.status IN ('planned', 'in_progress') AND f.reminded_at IS NULL
          AND f.due_on < (now() AT TIME ZONE t.timezone)::date
        ORDER BY f.due_on
        LIMIT ${limit}
        FOR UPDATE OF f SKIP LOCKED
      )
      UPDATE skm_followup f SET reminded_at = now()
      FROM due, skm_period p, service_unit u, opd o
      WHERE f.tenant_id = due.tenant_id AND f.id = due.id AND f.reminded_at IS NULL
        AND p.tenant_id = f.tenant_id AND p.id = f.period_id
        AND u.tenant_id = p.tenant_id AND u.id = p.unit_id
        AND o.tenant_id = u.tenant_id AND o.id = u.opd_id
      RETURNING f.tenant_id, f.id, f.action, f.unsur_key, f.due_on::text AS due_on, o.id AS opd_id, o.name AS opd_name, u.name AS unit_name`.execute(tx);
    let messages = 0;
    for (const f of claimed.rows) {
      for (const r of await recipients(tx, f.tenant_id, { roles: ['operator_opd', 'kepala_opd'], opdId: f.opd_id })) {
        const { created } = await enqueueNotification(tx, {
          tenantId: f.tenant_id,
          channel: 'email',
          recipient: r.email,
          template: 'skm.followup_overdue',
          locale: 'id',
          params: { unitName: f.unit_name, unsur: f.unsur_key, action: f.action, dueOn: f.due_on },
          dedupeKey: `skm-followup-overdue:${f.id}:${r.email.toLowerCase()}`,
          related: { type: 'skm_followup', id: f.id },
        });
        if (created) messages++;
      }
    }
    return { claimed: claimed.rows.length, messages };
  });
}
