/** Request and response schemas of the jobs module (GET /api/v1/jobs). */
import { Type, type Static } from '@sinclair/typebox';

export const JobStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], {
  description: 'queued: waiting for its run time; running: claimed by a worker; done; failed: attempts used up',
});

export const ListJobsQuery = Type.Object(
  {
    status: Type.Optional(JobStatus),
    /** Newest first; at most 200. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'How many (newest first), default 100' })),
  },
  { additionalProperties: false },
);
export type TListJobsQuery = Static<typeof ListJobsQuery>;

export const Job = Type.Object(
  {
    id: Type.Integer(),
    /** Definition name, e.g. audit.seal. */
    name: Type.String(),
    status: JobStatus,
    /** Earliest start (ISO time); for a retried job, when the next attempt is due. */
    runAt: Type.String({ format: 'date-time' }),
    attempts: Type.Integer({ description: 'Attempts started so far' }),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Error of the last failed attempt' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TJob = Static<typeof Job>;

export const JobList = Type.Object({ items: Type.Array(Job) }, { additionalProperties: false });
export type TJobList = Static<typeof JobList>;
