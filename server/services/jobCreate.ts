// Queueing a bulk job: the rows a person selected become its entries, checked against the account
// (its stores, its sync start, dates that have happened) before anything is written. A refusal names
// the field; then the job and its entries are written at once and `job.start` is queued.
import { type NewJob, POS_SOURCES } from "../../shared/api";
import { localDate } from "../../shared/time";
import type { Deps } from "../deps";
import type { Account } from "../repos/accounts";
import { cancelJobs, insertJob, type Job } from "../repos/jobs";
import { listStores } from "../repos/stores";
import type { User } from "../repos/users";

export type CreateJobResult =
  { job: Job } | { refused: { status: 400 | 503; field?: string; message: string } };

export async function createJob(
  deps: Pick<Deps, "db" | "queue" | "clock" | "mailer">,
  who: { account: Account; user: User },
  input: NewJob,
): Promise<CreateJobResult> {
  const { account, user } = who;
  const refuse = (field: string, message: string): CreateJobResult => ({
    refused: { status: 400, field, message: `${field}: ${message}` },
  });
  if (input.notify && !deps.mailer) return refuse("notify", "completion emails are not available");
  if (input.notify && !user.email) return refuse("notify", "your POS profile has no email address");

  const stores = new Map((await listStores(deps.db, account.id)).map((store) => [store.id, store]));
  for (const [index, entry] of input.entries.entries()) {
    const store = stores.get(entry.storeId);
    if (!store) return refuse(`entries[${index}].storeId`, `no store ${entry.storeId}`);
    if (entry.salesDate < account.syncStartDate)
      return refuse(
        `entries[${index}].salesDate`,
        `${entry.salesDate} is before the sync start date, ${account.syncStartDate}`,
      );
    if (entry.salesDate > localDate(deps.clock(), store.timezone))
      return refuse(
        `entries[${index}].salesDate`,
        `${entry.salesDate} has not happened yet in ${store.name}`,
      );
  }

  const job = await insertJob(
    deps.db,
    {
      accountId: account.id,
      name: input.name,
      type: input.type,
      // Sales are always read; a regeneration reads nothing from the POS.
      sources:
        input.type === "regenerate"
          ? []
          : POS_SOURCES.filter((source) => source === "sales" || input.sources.includes(source)),
      search: input.search,
      notifyEmail: input.notify ? user.email : null,
      createdBy: user.id,
      entries: input.entries,
    },
    deps.clock(),
  );
  try {
    await deps.queue.send({ type: "job.start", accountId: account.id, jobId: job.id });
  } catch (error) {
    // Without its start message the job would wait forever: it is withdrawn and the person told.
    await cancelJobs(deps.db, account.id, [job.id], deps.clock());
    return {
      refused: {
        status: 503,
        message: `the job could not be queued, try again: ${error instanceof Error ? error.message : error}`,
      },
    };
  }
  return { job };
}
