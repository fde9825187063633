/**
 * Every module's HTTP routes, registered under /api/v1 in this order. A new module adds
 * its `routes` function here.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.js';
import { authRoutes } from './auth/routes.js';
import { organisationRoutes } from './organisation/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { auditRoutes } from './audit/routes.js';
import { jobsRoutes } from './jobs/routes.js';

export type ModuleRoutes = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const moduleRoutes: ModuleRoutes[] = [authRoutes, organisationRoutes, calendarRoutes, auditRoutes, jobsRoutes];
