// Executions: one run of a flow (install, load, post...) with its ordered log lines; what support
// reads first. Every flow starts one, logs as it goes and finishes it.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { executionLogs, executions, type Trigger } from "../db/schema";
import { newId } from "../crypto/random";
import type { Statement } from "./batch";

export type ExecutionRow = typeof executions.$inferSelect;
export type ExecutionLogRow = typeof executionLogs.$inferSelect;
export type LogLevel = ExecutionLogRow["level"];

export interface ExecutionScope {
  accountId: string;
  action: string;
  trigger: Trigger;
  /** Who caused it: a user id, a webhook delivery id, a job id... */
  actor?: string | null;
  storeId?: string | null;
  salesDate?: string | null;
  jobId?: string | null;
}

export interface LogLine {
  level: LogLevel;
  message: string;
  data?: unknown;
}

export interface Execution {
  readonly id: string;
  log(message: string, data?: unknown): Promise<void>;
  warn(message: string, data?: unknown): Promise<void>;
  error(message: string, data?: unknown): Promise<void>;
  succeed(): Promise<void>;
  /** Records the error's message on the execution (and as its last log line). */
  fail(error: unknown): Promise<void>;
}

function scopeColumns(scope: ExecutionScope) {
  return {
    accountId: scope.accountId,
    action: scope.action,
    trigger: scope.trigger,
    actor: scope.actor ?? null,
    storeId: scope.storeId ?? null,
    salesDate: scope.salesDate ?? null,
    jobId: scope.jobId ?? null,
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Inserts a running execution; its handle appends lines with increasing `seq` and finishes it. */
export async function startExecution(db: Db, clock: Clock, scope: ExecutionScope): Promise<Execution> {
  const id = newId();
  await db.insert(executions).values({ id, ...scopeColumns(scope), status: "running", startedAt: clock() });
  let seq = 0;
  const append = async (level: LogLevel, message: string, data?: unknown) => {
    seq += 1;
    await db
      .insert(executionLogs)
      .values({ executionId: id, seq, at: clock(), level, message, data: data ?? null });
  };
  const finish = (status: "succeeded" | "failed", error: string | null) =>
    db.update(executions).set({ status, error, finishedAt: clock() }).where(eq(executions.id, id));
  return {
    id,
    log: (message, data) => append("info", message, data),
    warn: (message, data) => append("warn", message, data),
    error: (message, data) => append("error", message, data),
    succeed: async () => {
      await finish("succeeded", null);
    },
    fail: async (error) => {
      const message = errorMessage(error);
      await append("error", message);
      await finish("failed", message);
    },
  };
}

/** Unexecuted statements of a whole finished execution, to batch with the writes it describes. */
export function finishedExecution(
  db: Db,
  clock: Clock,
  scope: ExecutionScope,
  lines: readonly LogLine[],
  error?: string,
): Statement[] {
  const id = newId();
  const at = clock();
  const status = error === undefined ? "succeeded" : "failed";
  const execution = db
    .insert(executions)
    .values({ id, ...scopeColumns(scope), status, error: error ?? null, startedAt: at, finishedAt: at });
  const logs = lines.map((line, index) =>
    db
      .insert(executionLogs)
      .values({ executionId: id, seq: index + 1, at, ...line, data: line.data ?? null }),
  );
  return [execution, ...logs];
}

/** The account's executions, newest first, optionally of one store and date. */
export function listExecutions(
  db: Db,
  accountId: string,
  filter: { storeId?: string; salesDate?: string; limit?: number } = {},
): Promise<ExecutionRow[]> {
  return db
    .select()
    .from(executions)
    .where(
      and(
        eq(executions.accountId, accountId),
        filter.storeId ? eq(executions.storeId, filter.storeId) : undefined,
        filter.salesDate ? eq(executions.salesDate, filter.salesDate) : undefined,
      ),
    )
    .orderBy(desc(executions.startedAt))
    .limit(filter.limit ?? 50)
    .all();
}

export function findExecution(
  db: Db,
  accountId: string,
  executionId: string,
): Promise<ExecutionRow | undefined> {
  return db
    .select()
    .from(executions)
    .where(and(eq(executions.accountId, accountId), eq(executions.id, executionId)))
    .get();
}

/** The log lines of one of the account's executions, in order (none for another account's). */
export function listExecutionLogs(
  db: Db,
  accountId: string,
  executionId: string,
): Promise<ExecutionLogRow[]> {
  return db
    .select({
      executionId: executionLogs.executionId,
      seq: executionLogs.seq,
      at: executionLogs.at,
      level: executionLogs.level,
      message: executionLogs.message,
      data: executionLogs.data,
    })
    .from(executionLogs)
    .innerJoin(executions, eq(executions.id, executionLogs.executionId))
    .where(and(eq(executions.accountId, accountId), eq(executionLogs.executionId, executionId)))
    .orderBy(asc(executionLogs.seq))
    .all();
}
