/** Open311 GeoReport v2 at /open311/v2 (registered at the root by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.js';

export async function open311Routes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
