// The POS Load Scheduler's API (seed 000), for super users only: search store-days, queue a job of the
// selected ones, follow the active jobs, review and cancel them. Every query is scoped to the session's
// account; a refusal names the field and changes nothing.
import { Hono } from "hono";
import { z } from "zod";
import {
  DAY_STATUSES,
  JOB_TYPES,
  type JobDetail,
  type JobOptions,
  type JobSearch,
  type JobView,
  POS_SOURCES,
  SEARCH_FILTERS,
} from "../../shared/api";
import { IsoDate } from "../../shared/schemas/common";
import { daysBetween } from "../../shared/time";
import { requireRole, type SessionEnv } from "../auth/sessionToken";
import type { Deps } from "../deps";
import { cancelJobs, findJob, type Job, listEntries, listJobs, shapesOf } from "../repos/jobs";
import { activeMapping } from "../repos/mappings";
import { listStores } from "../repos/stores";
import { findUser } from "../repos/users";
import { createJob } from "../services/jobCreate";
import { searchStoreDays } from "../services/jobSearch";
import { sourcesFor } from "../services/loadDay";
import { notFound, valid } from "./validate";

/** A search covers at most a year; a job at most this many store-days. */
const MAX_SEARCH_DAYS = 366;
export const MAX_JOB_ENTRIES = 5_000;
/** The POS integration the entries run against, for the entries' POS column. */
const POS_NAME = "Lightspeed Retail";

const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(item));

function searchRules<T extends z.ZodType<Omit<JobSearch, "storeIds"> & { storeIds: string[] }>>(schema: T) {
  return schema
    .refine((search) => search.from <= search.to, { path: ["to"], message: "must be on or after from" })
    .refine((search) => daysBetween(search.from, search.to) < MAX_SEARCH_DAYS, {
      path: ["to"],
      message: `a range of at most ${MAX_SEARCH_DAYS} days`,
    })
    .refine((search) => search.filter !== "status" || (search.statuses?.length ?? 0) > 0, {
      path: ["statuses"],
      message: "choose at least one posting status",
    });
}

const searchFields = {
  from: IsoDate,
  to: IsoDate,
  filter: z.enum(SEARCH_FILTERS),
};
const SearchQuery = searchRules(
  z.object({
    ...searchFields,
    storeIds: commaList(z.string().min(1)).pipe(
      z.array(z.string()).min(1, "choose at least one store").max(100),
    ),
    statuses: commaList(z.enum(DAY_STATUSES)).optional(),
  }),
);
const SearchBody = searchRules(
  z.object({
    ...searchFields,
    storeIds: z.array(z.string().min(1)).min(1, "choose at least one store").max(100),
    statuses: z.array(z.enum(DAY_STATUSES)).optional(),
  }),
);

const NewJobBody = z
  .object({
    type: z.enum(JOB_TYPES),
    name: z.string().trim().min(1, "give the job a name").max(120),
    sources: z.array(z.enum(POS_SOURCES)).max(POS_SOURCES.length),
    notify: z.boolean(),
    search: SearchBody,
    entries: z
      .array(z.object({ storeId: z.string().min(1), salesDate: IsoDate }).strict())
      .min(1, "select at least one row")
      .max(MAX_JOB_ENTRIES, `at most ${MAX_JOB_ENTRIES} rows in one job`),
  })
  .strict()
  .superRefine((job, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of job.entries.entries()) {
      const key = `${entry.storeId}|${entry.salesDate}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["entries", index], message: "this store-day is listed twice" });
      seen.add(key);
    }
  });

const StateQuery = z.object({ state: z.enum(["active", "completed"]).default("active") });
const JobParams = z.object({ id: z.string().min(1) });
const CancelBody = z
  .object({ jobIds: z.array(z.string().min(1)).min(1, "select at least one job").max(100) })
  .strict();

export function jobRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<SessionEnv>()
    .use("/jobs", requireRole("super_user"))
    .use("/jobs/*", requireRole("super_user"))
    .get("/jobs/options", async (c) => {
      const { account, user } = c.var.session;
      const required = new Set(sourcesFor((await activeMapping(db, account.id))?.mapping));
      const options: JobOptions = {
        sources: POS_SOURCES.map((source) => ({ source, required: required.has(source) })),
        notify: { available: deps.mailer !== undefined && user.email !== null, email: user.email },
        pos: POS_NAME,
      };
      return c.json(options);
    })
    .get("/jobs/search", valid("query", SearchQuery), async (c) => {
      const results = await searchStoreDays(deps, c.var.session.account, c.req.valid("query"));
      return c.json({ results });
    })
    .get("/jobs", valid("query", StateQuery), async (c) => {
      const accountId = c.var.session.account.id;
      const rows = await listJobs(db, accountId, c.req.valid("query").state);
      return c.json({ jobs: await jobViews(deps, accountId, rows) });
    })
    .post("/jobs", valid("json", NewJobBody), async (c) => {
      const result = await createJob(deps, c.var.session, c.req.valid("json"));
      if ("refused" in result) {
        const { status, field, message } = result.refused;
        const code = status === 400 ? "invalid_request" : "unavailable";
        return c.json({ error: { code, message, ...(field && { field }) } }, status);
      }
      const [job] = await jobViews(deps, result.job.accountId, [result.job]);
      return c.json({ job }, 201);
    })
    .post("/jobs/cancel", valid("json", CancelBody), async (c) => {
      const accountId = c.var.session.account.id;
      const { jobIds } = c.req.valid("json");
      await cancelJobs(db, accountId, jobIds, deps.clock());
      const found = await Promise.all(jobIds.map((id) => findJob(db, accountId, id)));
      return c.json({
        jobs: await jobViews(
          deps,
          accountId,
          found.filter((job) => job !== undefined),
        ),
      });
    })
    .get("/jobs/:id", valid("param", JobParams), async (c) => {
      const accountId = c.var.session.account.id;
      const job = await findJob(db, accountId, c.req.valid("param").id);
      if (!job) return c.json(notFound("job"), 404);
      const [[view], entries, stores] = await Promise.all([
        jobViews(deps, accountId, [job]),
        listEntries(db, job.id),
        listStores(db, accountId),
      ]);
      const detail: JobDetail = {
        job: view!,
        pos: POS_NAME,
        stores: stores
          .map((store) => ({
            storeId: store.id,
            name: store.name,
            entries: entries
              .filter((entry) => entry.storeId === store.id)
              .map(({ id, salesDate, status, startedAt, finishedAt, error, errorType }) => ({
                id,
                salesDate,
                status,
                startedAt,
                finishedAt,
                error,
                errorType,
              })),
          }))
          .filter((section) => section.entries.length > 0),
      };
      return c.json(detail);
    });
}

async function jobViews(deps: Pick<Deps, "db">, accountId: string, jobs: Job[]): Promise<JobView[]> {
  const shapes = await shapesOf(
    deps.db,
    jobs.map((job) => job.id),
  );
  const creators = new Map<string, string>();
  for (const id of new Set(jobs.map((job) => job.createdBy).filter((id) => id !== null)))
    creators.set(id, (await findUser(deps.db, accountId, id))?.name ?? "");
  return jobs.map((job) => {
    const shape = shapes.get(job.id);
    return {
      id: job.id,
      name: job.name,
      type: job.type,
      status: job.status,
      sources: job.sources.split(",").filter(Boolean) as JobView["sources"],
      search: (job.params as JobSearch | null) ?? null,
      stores: shape?.stores ?? 0,
      entries: shape?.entries ?? 0,
      from: shape?.from ?? "",
      to: shape?.to ?? "",
      counts: shape?.counts ?? { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 },
      notifyEmail: job.notifyEmail,
      createdBy: job.createdBy ? creators.get(job.createdBy) || null : null,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  });
}
