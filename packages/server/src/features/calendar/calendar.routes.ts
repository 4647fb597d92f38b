import { DEADLINE_PARTIES, DEADLINE_UNITS } from '@lianjian/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { contextOf } from '../../http/authenticate.ts';
import { CalendarService } from './calendar.service.ts';

const KINDS = ['holiday', 'workday'] as const;
const warning = z.object({ code: z.string(), message: z.string(), hint: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });
const override = z.object({
  date: z.string(), kind: z.enum(KINDS), name: z.string().nullable(), source: z.string().describe("'chinese-days@…' (package), 'statutory-provisional' or 'admin'"),
  provisional: z.boolean().describe('A statutory day of a year whose State Council notice is not loaded yet: replace the year with PUT /api/calendar/years/{year} when it is published'),
  updatedAt: z.date(), updatedBy: z.number().nullable(),
});
const rule = z.object({
  code: z.string(), amount: z.number(), unit: z.enum(DEADLINE_UNITS), from: z.string(), responsible: z.string().nullable(), configurable: z.boolean(),
  extendPastHolidays: z.boolean(), basis: z.string().nullable(), updatedAt: z.date(), updatedBy: z.number().nullable(),
});
// Dates in the path are checked by the service (validateCalendarOverrides), so a bad one gets the calendar's own message.
const dateParam = z.object({ date: z.string().max(32) });

export const calendarRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const service = new CalendarService(deps);
  app.get('/api/calendar/workdays', {
    schema: {
      tags: ['calendar'], summary: 'Working days between two dates (both included), as the platform calendar sees them; at most 3 years',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
      response: {
        200: z.object({
          items: z.array(z.object({
            date: z.string(), weekday: z.number().int().min(1).max(7), adjusted: z.boolean(), name: z.string().optional(),
            provisional: z.literal(true).optional().describe('The year has only its provisional statutory days; the notice may still make this day a day off'),
          })),
          total: z.number(), coveredYears: z.array(z.number()).describe('Years whose official holiday arrangement is loaded'),
          provisionalYears: z.array(z.number()).describe('Years with only their statutory holidays (provisional until the State Council notice is entered)'),
          warnings: z.array(warning),
        }),
      },
    },
  }, async (request) => service.workdays(contextOf(request), request.query.from, request.query.to));

  app.get('/api/calendar/overrides', {
    schema: {
      tags: ['calendar'], summary: 'Public holidays and adjusted working days in the calendar table, with their source',
      querystring: z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() }),
      response: { 200: z.object({ items: z.array(override), total: z.number() }) },
    },
  }, async (request) => service.listOverrides(contextOf(request), request.query.year));

  app.put('/api/calendar/overrides/:date', {
    schema: {
      tags: ['calendar'], summary: 'Declare a day a holiday or an adjusted working day (system admin)',
      params: dateParam, body: z.object({ kind: z.enum(KINDS), name: z.string().trim().min(1).max(50).nullish() }).strict(),
      response: { 200: override },
    },
  }, async (request) => service.setOverride(contextOf(request), request.params.date, request.body));

  app.put('/api/calendar/years/:year', {
    schema: {
      tags: ['calendar'], summary: "Enter a year's official holiday arrangement, replacing its provisional and packaged days (system admin)",
      params: z.object({ year: z.coerce.number().int().min(1900).max(2200) }),
      body: z.object({ days: z.array(z.object({ date: z.string().max(32), kind: z.enum(KINDS), name: z.string().trim().min(1).max(50).nullish() }).strict()).min(1).max(366) }).strict(),
      response: { 200: z.object({ year: z.number(), items: z.array(override), total: z.number() }) },
    },
  }, async (request) => service.replaceYear(contextOf(request), request.params.year, request.body.days));

  app.delete('/api/calendar/overrides/:date', {
    schema: { tags: ['calendar'], summary: 'Return a day to the plain Monday–Friday week (system admin)', params: dateParam },
  }, async (request, reply) => {
    await service.removeOverride(contextOf(request), request.params.date);
    return reply.status(204).send();
  });

  app.get('/api/deadline-rules', {
    schema: { tags: ['calendar'], summary: 'Deadline rules: statutory adverse-event clocks and configurable alert clocks', response: { 200: z.object({ items: z.array(rule), total: z.number() }) } },
  }, async (request) => service.listRules(contextOf(request)));

  app.patch('/api/deadline-rules/:code', {
    schema: {
      tags: ['calendar'], summary: 'Change a configurable deadline rule (system admin)',
      params: z.object({ code: z.string().max(100) }),
      body: z.object({ amount: z.number().int().positive().max(10_000), unit: z.enum(DEADLINE_UNITS), responsible: z.enum(DEADLINE_PARTIES).nullable(), extendPastHolidays: z.boolean() }).partial().strict(),
      response: { 200: rule },
    },
  }, async (request) => service.updateRule(contextOf(request), request.params.code, request.body));

  app.post('/api/deadlines/compute', {
    schema: {
      tags: ['calendar'], summary: 'Compute a deadline with the configured rule and calendar',
      body: z.object({ rule: z.string().min(1).max(100), start: z.string().min(10).max(40) }).strict(),
      response: {
        200: z.object({ rule: z.string(), amount: z.number(), unit: z.enum(DEADLINE_UNITS), start: z.string(), deadline: z.string(), dueDate: z.string(), warnings: z.array(warning) }),
      },
    },
  }, async (request) => service.compute(contextOf(request), request.body.rule, request.body.start));
};
