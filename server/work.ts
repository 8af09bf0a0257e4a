// The queue consumer's handler on both runtimes: each message type to its service.
import type { Deps } from "./deps";
import { posClientFor } from "./pos/forAccount";
import type { MessageHandler } from "./queue/port";
import { ledgerClientFor } from "./ledger/forAccount";
import { loadStoreDay } from "./services/loadDay";
import { postStoreDay } from "./services/postDay";
import { handleWebhook } from "./webhooks/handlers";
import { notifyJob } from "./services/jobNotify";
import { runJob, startJob } from "./services/jobRun";

export function workHandler(deps: Deps): MessageHandler {
  const posClient = (account: { id: string; posAccountId: string }) => posClientFor(deps, account);
  return async (message, delivery) => {
    switch (message.type) {
      case "webhook":
        await handleWebhook(deps, posClient, message);
        return;
      case "day.load":
        await loadStoreDay(deps, posClient, message);
        return;
      case "day.post":
        await postStoreDay(deps, (accountId) => ledgerClientFor(deps, accountId), message);
        return;
      case "job.start":
        await startJob(deps, message);
        return;
      case "job.run":
        await runJob(deps, posClient, message, delivery);
        return;
      case "job.notify":
        await notifyJob(deps, message);
        return;
      default:
        // A message of another version or of nobody: retried, then kept in the dead letters for support.
        throw new Error(`unknown message type ${JSON.stringify((message as { type?: unknown }).type)}`);
    }
  };
}
