/** HTTP routes of the calendar module (registered under /api/v1 by modules/index.ts). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import {
  CalendarStatus,
  CreateDayOffBody,
  DayOff,
  DayOffList,
  DeadlineQuery,
  DeadlineResponse,
  ImportNationalBody,
  ImportNationalResponse,
  NationalDayList,
  WorkingDaysQuery,
  WorkingDaysResponse,
  YearQuery,
} from '../../../shared/schemas/calendar.js';
import { importNationalDays } from './import-service.js';
import { can } from './policy.js';
import { presentDayOff, presentNationalDay } from './present.js';
import * as service from './service.js';
import { calendarStatus } from './year-notice.js';

const tags = ['calendar'];

export async function calendarRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/calendar/national', {
    schema: { tags, summary: 'National days off (libur nasional, cuti bersama) of a year', querystring: YearQuery, response: { 200: NationalDayList } },
  }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.read', { tenantId: tenant.id }));
    const rows = await service.listNational(deps.db, tenant.id, req.query.year ?? service.currentYear(tenant.timezone));
    return { items: rows.map(presentNationalDay) };
  });

  app.get('/calendar/status', {
    schema: {
      tags,
      summary: "Whether this year's and next year's national days off are loaded, and whether to show the notice (from 1 October)",
      response: { 200: CalendarStatus },
    },
  }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.read', { tenantId: tenant.id }));
    return calendarStatus(deps.db, tenant);
  });

  app.post('/calendar/national/import', {
    schema: {
      tags,
      summary: "Load a year's libur nasional and cuti bersama, all rows or none (admin: this region; superadmin: every region)",
      description:
        'Body: {year, csv} (rows date,kind,name,legal_source) or {year, rows}. '
        + '400 IMPORT_INVALID lists [{row, column, message}] and stores nothing.',
      body: ImportNationalBody,
      response: { 201: ImportNationalResponse },
    },
  }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.import', { tenantId: tenant.id }));
    return reply.status(201).send(await importNationalDays(deps.db, req.ctx, actor, tenant, req.body));
  });

  app.get('/calendar/days-off', {
    schema: { tags, summary: "The tenant's own days off and working-day overrides of a year", querystring: YearQuery, response: { 200: DayOffList } },
  }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.read', { tenantId: tenant.id }));
    const rows = await service.listDaysOff(deps.db, tenant.id, req.query.year ?? service.currentYear(tenant.timezone));
    return { items: rows.map(presentDayOff) };
  });

  app.post('/calendar/days-off', {
    schema: { tags, summary: "Add a day off ('libur') or a working-day override ('masuk'), tenant-wide or for one unit", body: CreateDayOffBody, response: { 201: DayOff } },
  }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.write', { tenantId: tenant.id }));
    const row = await service.createDayOff(deps.db, req.ctx, tenant.id, req.body);
    return reply.status(201).send(presentDayOff(row));
  });

  app.delete('/calendar/days-off/:id', {
    schema: { tags, summary: 'Remove a day off or override', params: IdParams },
  }, async (req, reply) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.write', { tenantId: tenant.id }));
    await service.deleteDayOff(deps.db, req.ctx, tenant.id, req.params.id);
    return reply.status(204).send();
  });

  app.get('/calendar/deadline', {
    schema: { tags, summary: 'The due date N working or calendar days after a start time (counted from the day after it)', querystring: DeadlineQuery, response: { 200: DeadlineResponse } },
  }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.read', { tenantId: tenant.id }));
    return service.computeDeadline(deps.db, req.ctx, tenant, req.query);
  });

  app.get('/calendar/working-days', {
    schema: { tags, summary: 'Working days after `from` up to and including `to`', querystring: WorkingDaysQuery, response: { 200: WorkingDaysResponse } },
  }, async (req) => {
    const { actor, tenant } = requireStaffContext(req.ctx);
    authorize(can(actor, 'calendar.read', { tenantId: tenant.id }));
    return service.countWorkingDays(deps.db, req.ctx, tenant, req.query);
  });
}
