// How the sandbox QuickBooks Online API words its refusals: QuickBooks' Fault body
// ({"Fault": {"Error": [{"Message", "Detail", "code", "element"}], "type"}, "time"}) with its codes.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Clock } from "../../clock";

export interface QboError {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

export type FaultType =
  "ValidationFault" | "AUTHENTICATION" | "AuthorizationFault" | "ThrottleExceeded" | "SystemFault";

export class QboFaultError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: FaultType,
    readonly errors: QboError[],
  ) {
    super(errors.map((error) => error.Detail).join("; "));
  }
}

/** The `time` of an answer and the MetaData times (QuickBooks gives Pacific time; the sandbox UTC). */
export function qboTime(clock: Clock): string {
  return new Date(clock()).toISOString();
}

export function faultBody(clock: Clock, type: FaultType, errors: QboError[]) {
  return { Fault: { Error: errors, type }, time: qboTime(clock) };
}

export function faultResponse(c: Context, clock: Clock, fault: QboFaultError): Response {
  return c.json(faultBody(clock, fault.type, fault.errors), fault.status);
}

export const validation = (code: string, message: string, detail: string, element?: string): QboError => ({
  Message: message,
  Detail: detail,
  code,
  ...(element !== undefined && { element }),
});

/** The codes the sandbox uses, as QuickBooks numbers them. */
export const QBO_ERRORS = {
  unsupportedProperty: (detail: string, element?: string) =>
    validation("2010", "Request has invalid or unsupported property", detail, element),
  requiredMissing: (name: string, element?: string) =>
    validation(
      "2020",
      "Required param missing, need to supply the required value for the API",
      `Required parameter ${name} is missing in the request`,
      element,
    ),
  lengthExceeded: (name: string, max: number) =>
    validation(
      "2050",
      "String length is either shorter or longer than supported by specification",
      `String length specified does not match the supported length. Min:0 Max:${max} supported. Supplied field: ${name}`,
      name,
    ),
  invalidReference: (element: string) =>
    validation(
      "2500",
      "Invalid Reference Id",
      "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      element,
    ),
  objectNotFound: () =>
    validation("610", "Object Not Found", "Object Not Found : Another user has deleted this transaction."),
  parseQuery: (detail: string) => validation("4000", "Error parsing query", `QueryParserError: ${detail}`),
  invalidQuery: (detail: string) => validation("4001", "Invalid query", `QueryValidationError: ${detail}`),
  business: (detail: string, element?: string) =>
    validation(
      "6000",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: ${detail}`,
      element,
    ),
  staleObject: () =>
    validation(
      "5010",
      "Stale Object Error",
      "Stale Object Error : You and another user were working on the same thing. The other user finished before you did, so your work was not saved.",
    ),
};
