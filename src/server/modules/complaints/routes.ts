/** HTTP routes of the complaints module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.js';

export async function complaintsRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
