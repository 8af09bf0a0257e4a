// The completion email of a bulk job, in the language of the person who queued it: its counts and its
// failed entries. Sent once: the provider drops a repeated idempotency key, and the job records it sent.
import { type Locale, type MessageKey, toLocale, translate } from "../../shared/i18n";
import type { Deps } from "../deps";
import { MailRejectedError, MailUnavailableError } from "../mail/port";
import { RetryLater } from "../queue/port";
import { startExecution } from "../repos/executions";
import { findJob, type Job, type JobEntry, listEntries, markNotified, shapesOf } from "../repos/jobs";
import { listStores } from "../repos/stores";
import { findUser } from "../repos/users";

/** Failed entries listed in the email; the rest are counted. */
const LISTED_FAILURES = 20;

export async function notifyJob(deps: Deps, message: { accountId: string; jobId: string }): Promise<void> {
  const { db, clock, mailer } = deps;
  const job = await findJob(db, message.accountId, message.jobId);
  if (!job?.notifyEmail || job.notifiedAt !== null || job.status !== "completed") return;
  const execution = await startExecution(db, clock, {
    accountId: job.accountId,
    action: "notify",
    trigger: "job",
    actor: job.createdBy,
    jobId: job.id,
  });
  if (!mailer) {
    await execution.fail(new Error("no email provider is configured: the completion email was not sent"));
    return;
  }
  const creator = job.createdBy ? await findUser(db, job.accountId, job.createdBy) : undefined;
  const email = await completionEmail(deps, job, toLocale(creator?.locale));
  try {
    await mailer.send({ to: job.notifyEmail, ...email, idempotencyKey: `daybook-job-${job.id}` });
  } catch (error) {
    await execution.fail(error);
    // A refused message stays refused (the reason is on the execution); the provider's outage is retried.
    if (error instanceof MailRejectedError) return;
    if (error instanceof MailUnavailableError && error.retryAfterSeconds !== undefined)
      throw new RetryLater(error.retryAfterSeconds, error.message);
    throw error;
  }
  await markNotified(db, job.id, clock());
  await execution.log(`Completion email sent to ${job.notifyEmail}`);
  await execution.succeed();
}

async function completionEmail(deps: Pick<Deps, "db">, job: Job, locale: Locale) {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(locale, key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
  const [shape, entries, stores] = await Promise.all([
    shapesOf(deps.db, [job.id]).then((shapes) => shapes.get(job.id)),
    listEntries(deps.db, job.id),
    listStores(deps.db, job.accountId),
  ]);
  const storeName = new Map(stores.map((store) => [store.id, store.name]));
  const failed = entries.filter((entry): entry is JobEntry => entry.status === "failed");
  const counts = shape?.counts ?? { completed: 0, failed: 0, cancelled: 0 };
  const lines = [
    job.name,
    "",
    t("mail.job.type", { type: t(`job.type.${job.type}`) }),
    t("mail.job.scope", {
      stores: shape?.stores ?? 0,
      entries: shape?.entries ?? 0,
      from: shape?.from ?? "",
      to: shape?.to ?? "",
    }),
    t("mail.job.counts", { ...counts }),
  ];
  if (failed.length > 0) {
    lines.push("", t("mail.job.failed"));
    for (const entry of failed.slice(0, LISTED_FAILURES))
      lines.push(
        t("mail.job.failed_entry", {
          store: storeName.get(entry.storeId) ?? entry.storeId,
          date: entry.salesDate,
          error: entry.error ?? "",
          type: entry.errorType ?? "",
        }),
      );
    if (failed.length > LISTED_FAILURES)
      lines.push(t("mail.job.more", { count: failed.length - LISTED_FAILURES }));
  }
  lines.push("", t("mail.job.review"));
  return { subject: t("mail.job.subject", { name: job.name }), text: lines.join("\n") };
}
