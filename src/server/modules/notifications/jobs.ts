/** Background jobs of the notifications module (listed by jobs/registry.ts). */
import { Type } from '@sinclair/typebox';
import { defineJob, type JobDefinition } from '../jobs/define.js';
import type { Deps } from '../../platform/deps.js';
import { createChannels, type Channels, type ChannelLog } from './channels.js';
import { notificationSettings } from './config-notifications.js';
import { deliverPending } from './deliver.js';
import { DIGEST_SEND_HOUR, enqueueDailyDigests } from './digest.js';

let cached: { key: string; channels: Channels } | null = null;

/** This process's channels for the app's settings (one SMTP transport, reused). */
export function channelsFor(deps: Pick<Deps, 'config'>, log: ChannelLog): { channels: Channels; publicUrl: string } {
  const s = notificationSettings(deps);
  const key = `${s.smtpUrl ?? ''}|${s.mailFrom}`;
  if (!cached || cached.key !== key) {
    (cached?.channels.email as { close?: () => void } | undefined)?.close?.();
    cached = { key, channels: createChannels(s, log) };
  }
  return { channels: cached.channels, publicUrl: s.publicUrl };
}

export const deliverNotificationsJob = defineJob({
  name: 'notifications.deliver',
  // The schedule's jobs have {}: every tenant. A job for one tenant may be enqueued by hand.
  payload: Type.Object({ tenantId: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F-]{36}$' })) }, { additionalProperties: false }),
  schedule: { everySeconds: 10 },
  // A failed run is simply the next run 10 s later; the outbox rows keep their own attempts.
  retry: { maxAttempts: 1, backoffSeconds: 10 },
  timeoutSeconds: 300,
  async run(deps, payload, ctx) {
    const { channels, publicUrl } = channelsFor(deps, ctx.log);
    await deliverPending(deps.db, { channels, publicUrl, tenantId: payload.tenantId ?? null, log: ctx.log });
  },
});

export const dailyDigestJob = defineJob({
  name: 'notifications.daily-digest',
  payload: Type.Object({}, { additionalProperties: false }),
  // Hourly: each tenant's digests go out at the first run from DIGEST_SEND_HOUR on its own
  // clock (WIB/WITA/WIT), once a day (dedupe key per head and local date).
  schedule: { everySeconds: 3600 },
  retry: { maxAttempts: 3, backoffSeconds: 300 },
  timeoutSeconds: 600,
  async run(deps, _payload, ctx) {
    const result = await enqueueDailyDigests(deps.db, { fromLocalHour: DIGEST_SEND_HOUR });
    ctx.log.info({ ...result }, 'daily digests enqueued');
  },
});

export const notificationsJobs: JobDefinition<any>[] = [deliverNotificationsJob, dailyDigestJob];
