/** HTTP routes of the auth module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.js';

export async function authRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
