// Xero's refusals as guidance a merchant can act on: the ValidationErrors messages of a 400
// (`Elements[].ValidationErrors`, also nested in the lines it echoes), and the mapped account or item a
// message names ("Account code '4999' is not a valid code for this document.").
import { LedgerValidationError } from "../port";

function messagesIn(value: unknown, found: string[]): string[] {
  if (Array.isArray(value)) for (const entry of value) messagesIn(entry, found);
  else if (typeof value === "object" && value !== null)
    for (const [key, entry] of Object.entries(value)) {
      if (key === "ValidationErrors" && Array.isArray(entry)) {
        for (const error of entry) {
          const message = (error as { Message?: unknown }).Message;
          if (typeof message === "string" && !found.includes(message)) found.push(message);
        }
      } else messagesIn(entry, found);
    }
  return found;
}

const NAMED_TARGETS: [RegExp, "account" | "item"][] = [
  [/Account code '{1,2}([^']+?)'{1,2}/i, "account"],
  [/Account ID '([^']+)'/i, "account"],
  [/Item code '{1,2}([^']+?)'{1,2}/i, "item"],
];

function targetNamedIn(messages: string[]): { account?: string; item?: string } | undefined {
  for (const message of messages)
    for (const [pattern, kind] of NAMED_TARGETS) {
      const named = pattern.exec(message)?.[1];
      if (named !== undefined) return { [kind]: named };
    }
  return undefined;
}

/** The error for a 4xx answer to a write of `what` ("manual journal", "invoice", "payment"…). */
export function refusalOf(status: number, json: unknown, text: string, what: string): LedgerValidationError {
  const messages = messagesIn((json as { Elements?: unknown } | undefined)?.Elements, []);
  if (messages.length === 0) {
    const body = (json ?? {}) as { Message?: unknown; Detail?: unknown };
    const message = [body.Message, body.Detail].find((m): m is string => typeof m === "string");
    messages.push(message ?? (text.trim().slice(0, 200) || `HTTP ${status}`));
  }
  return new LedgerValidationError(
    `Xero refused the ${what}: ${messages.join(" ")}`,
    targetNamedIn(messages),
  );
}
