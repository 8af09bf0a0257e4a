// Xero's refusals, as Xero words them, become a message and the mapped account or item they name.
import { expect, it } from "vitest";
import { refusalOf } from "../../../../server/ledger/xero/errors";

const validation = (elements: unknown[]) => ({
  ErrorNumber: 10,
  Type: "ValidationException",
  Message: "A validation exception occurred",
  Elements: elements,
});

it("gathers the messages of every element and of the lines it echoes, once each", () => {
  const error = refusalOf(
    400,
    validation([
      {
        Narration: "x",
        ValidationErrors: [{ Message: "The total debits (100.00) must equal total credits (-10.00)" }],
        JournalLines: [
          {
            AccountCode: "476",
            ValidationErrors: [{ Message: "Account code ''476'' is not a valid code." }],
          },
          {
            AccountCode: "476",
            ValidationErrors: [{ Message: "Account code ''476'' is not a valid code." }],
          },
        ],
      },
    ]),
    "",
    "manual journal",
  );
  expect(error.message).toBe(
    "Xero refused the manual journal: The total debits (100.00) must equal total credits (-10.00) Account code ''476'' is not a valid code.",
  );
  expect(error.target).toEqual({ account: "476" });
});

it("names an account by id, or an item", () => {
  const byId = refusalOf(
    400,
    validation([
      { ValidationErrors: [{ Message: "Account ID 'be4c0b3d-6c0a-49a9-9b25-ca176ff10417' is not valid." }] },
    ]),
    "",
    "payment",
  );
  expect(byId.target).toEqual({ account: "be4c0b3d-6c0a-49a9-9b25-ca176ff10417" });
  const item = refusalOf(
    400,
    validation([{ ValidationErrors: [{ Message: "Item code 'LATTE2' is not valid." }] }]),
    "",
    "invoice",
  );
  expect(item.target).toEqual({ item: "LATTE2" });
});

it("falls back to the body's message, then to the text, when no element says why", () => {
  const generic = refusalOf(400, validation([{ ValidationErrors: [] }]), "", "invoice");
  expect(generic.message).toBe("Xero refused the invoice: A validation exception occurred");
  expect(generic.target).toBeUndefined();
  expect(refusalOf(413, undefined, "Request Entity Too Large", "invoice").message).toBe(
    "Xero refused the invoice: Request Entity Too Large",
  );
});
