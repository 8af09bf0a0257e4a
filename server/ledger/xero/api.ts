// Calls to one Xero organisation's Accounting API (`{apiUrl}/api.xro/2.0/...`): every call names the
// tenant (`xero-tenant-id`), every write carries an Idempotency-Key, and answers are checked against the
// fields the adapter reads. Retries, refreshes and limits are createLedgerHttp's.
import type { z } from "zod";
import type { LedgerSend } from "../http";
import { refusalOf } from "./errors";

export interface XeroApi {
  /** A GET that must succeed. */
  read<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>>;
  /** A GET of one object by id: undefined when Xero does not know it (404). */
  find<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T> | undefined>;
  /** A POST (Xero's create-or-update); a refusal becomes a LedgerValidationError about `what`. */
  write<T extends z.ZodType>(
    path: string,
    body: unknown,
    idempotencyKey: string,
    schema: T,
    what: string,
  ): Promise<z.output<T>>;
}

export function createXeroApi(options: { apiUrl: string; tenantId: string; send: LedgerSend }): XeroApi {
  const base = `${options.apiUrl.replace(/\/+$/, "")}/api.xro/2.0`;
  const headers = { "xero-tenant-id": options.tenantId };

  function parsed<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new Error(
      `Xero's answer to ${what} is not what the API documents: ${issue?.path.join(".")} ${issue?.message}`,
    );
  }

  async function get<T extends z.ZodType>(path: string, schema: T, missingIsUndefined: boolean) {
    const answer = await options.send({ method: "GET", url: `${base}/${path}`, headers });
    if (answer.status === 404 && missingIsUndefined) return undefined;
    if (answer.status !== 200)
      throw new Error(`Xero answered ${answer.status} to GET ${path}: ${answer.text.slice(0, 200)}`);
    return parsed(schema, answer.json, `GET ${path}`);
  }

  return {
    read: async (path, schema) => (await get(path, schema, false)) as z.output<typeof schema>,
    find: (path, schema) => get(path, schema, true),
    async write(path, body, idempotencyKey, schema, what) {
      const answer = await options.send({
        method: "POST",
        url: `${base}/${path}`,
        body,
        headers: { ...headers, "Idempotency-Key": idempotencyKey },
      });
      if (answer.status >= 400) throw refusalOf(answer.status, answer.json, answer.text, what);
      return parsed(schema, answer.json, `POST ${path}`);
    },
  };
}
