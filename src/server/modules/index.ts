/**
 * Every module's HTTP routes. `moduleRoutes` are registered under /api/v1 in this order;
 * `rootRoutes` at the root (standards with their own paths, e.g. Open311 at /open311/v2).
 * A new module adds its `routes` function here.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.js';
import { authRoutes } from './auth/routes.js';
import { organisationRoutes } from './organisation/routes.js';
import { calendarRoutes } from './calendar/routes.js';
import { auditRoutes } from './audit/routes.js';
import { jobsRoutes } from './jobs/routes.js';
import { complaintsRoutes } from './complaints/routes.js';
import { notificationsRoutes } from './notifications/routes.js';
import { attachmentsRoutes } from './attachments/routes.js';
import { open311Routes } from './open311/routes.js';
import { routingRoutes } from './routing/routes.js';
import { complianceRoutes } from './compliance/routes.js';
import { standardsRoutes } from './standards/routes.js';
import { skmRoutes } from './skm/routes.js';

export type ModuleRoutes = (app: FastifyInstance, deps: Deps) => Promise<void>;

export const moduleRoutes: ModuleRoutes[] = [
  authRoutes, organisationRoutes, calendarRoutes, auditRoutes, jobsRoutes,
  complaintsRoutes, notificationsRoutes, attachmentsRoutes,
  complianceRoutes,
  standardsRoutes,
  routingRoutes,
  skmRoutes,
];

export const rootRoutes: ModuleRoutes[] = [open311Routes];
