// What each POS webhook does once it is off the request, in the queue consumer. Deliveries for an
// account that is not installed (or no longer) are acknowledged and ignored.
import type { Deps } from "../deps";
import type { PosClient } from "../pos/port";
import type { QueueMessage } from "../queue/port";
import { findAccountByPosAccountId, type Account } from "../repos/accounts";
import { runAtomically } from "../repos/batch";
import { type ExecutionScope, finishedExecution, type LogLine } from "../repos/executions";
import { claimPendingLoad, ensureStoreDay } from "../repos/storeDays";
import { findStoreByPosShopId, upsertStore } from "../repos/stores";
import { uninstallAccount } from "../services/uninstall";
import { localDate } from "../../shared/time";
import { RegisterClosed, SaleVoided, StoreCreated } from "./envelope";

type WebhookMessage = Extract<QueueMessage, { type: "webhook" }>;
// Voids arriving within env.voidReloadDelaySeconds are folded into one reload of their day.
type HandlerDeps = Pick<Deps, "env" | "db" | "clock" | "queue">;

export async function handleWebhook(
  deps: HandlerDeps,
  posClient: (account: Account) => PosClient,
  message: WebhookMessage,
): Promise<void> {
  if (message.topic === "app.uninstalled") {
    await uninstallAccount(deps, message.posAccountId, {
      actor: message.deliveryId,
      triggeredAt: Date.parse(message.triggeredAt),
    });
    return;
  }
  const account = await findAccountByPosAccountId(deps.db, message.posAccountId);
  if (account?.status !== "installed") return;
  const lines: LogLine[] = [];
  const log = (text: string, data?: unknown) => lines.push({ level: "info", message: text, data });
  const scope = {
    accountId: account.id,
    action: message.topic,
    trigger: "webhook" as const,
    actor: message.deliveryId,
  };

  switch (message.topic) {
    case "sale.voided": {
      const data = SaleVoided.parse(message.data);
      const store = await findStoreByPosShopId(deps.db, account.id, data.shopID);
      if (!store) return;
      const salesDate = localDate(Date.parse(data.completeTime), store.timezone);
      const day = await ensureStoreDay(
        deps.db,
        { accountId: account.id, storeId: store.id, salesDate },
        deps.clock(),
      );
      if (await claimPendingLoad(deps.db, day.id, deps.clock(), { withDataOnly: true })) {
        await deps.queue.send(
          {
            type: "day.load",
            accountId: account.id,
            storeId: store.id,
            salesDate,
            trigger: "webhook",
            reload: true,
          },
          { delaySeconds: deps.env.voidReloadDelaySeconds },
        );
        log(`Sale ${data.saleID} was voided: ${salesDate} will be reloaded`, { saleID: data.saleID });
      } else {
        log(
          day.status === "missing"
            ? `Sale ${data.saleID} was voided on ${salesDate}, which has no data yet: nothing to reload`
            : `Sale ${data.saleID} was voided: the reload of ${salesDate} already waiting will include it`,
          { saleID: data.saleID },
        );
      }
      await record(deps, { ...scope, storeId: store.id, salesDate }, lines);
      return;
    }
    case "register.closed": {
      const data = RegisterClosed.parse(message.data);
      const store = await findStoreByPosShopId(deps.db, account.id, data.shopID);
      if (!store) return;
      const salesDate = localDate(Date.parse(data.openTime), store.timezone);
      const registers = await posClient(account).registers(store.posShopId);
      const open = registers.filter((register) => register.open);
      if (open.length > 0) {
        log(`Register ${data.registerID} closed; waiting for ${open.map((r) => r.name).join(", ")}`);
      } else {
        const day = await ensureStoreDay(
          deps.db,
          { accountId: account.id, storeId: store.id, salesDate },
          deps.clock(),
        );
        if (await claimPendingLoad(deps.db, day.id, deps.clock(), { withDataOnly: false }))
          await deps.queue.send({
            type: "day.load",
            accountId: account.id,
            storeId: store.id,
            salesDate,
            trigger: "webhook",
            reload: day.status !== "missing",
          });
        log(`Every register of ${store.name} is closed: ${salesDate} will be loaded`);
      }
      await record(deps, { ...scope, storeId: store.id, salesDate }, lines);
      return;
    }
    case "store.created": {
      const data = StoreCreated.parse(message.data);
      const shop = await posClient(account).shop(data.shopID);
      if (!shop) return;
      await upsertStore(deps.db, account.id, shop, deps.clock());
      log(`Store added: ${shop.name} (${shop.timezone}, ${shop.currency})`, { shopID: shop.posShopId });
      await record(deps, scope, lines);
      return;
    }
  }
}

function record(deps: HandlerDeps, scope: ExecutionScope, lines: LogLine[]) {
  return runAtomically(deps.db, finishedExecution(deps.db, deps.clock, scope, lines));
}
