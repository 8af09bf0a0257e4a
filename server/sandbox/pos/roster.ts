// Who exists in the sandbox POS platform: its merchants (POS accounts), their shops and employees.
// Deterministic, so tests and people see the same merchant every time.
import type { Role } from "../../db/schema";

export interface SandboxShop {
  shopID: string;
  name: string;
  timeZone: string;
  currency: string;
  registers: { registerID: string; name: string }[];
}

export interface SandboxEmployee {
  employeeID: string;
  name: string;
  email: string;
  role: Role;
  locale: "en-CA" | "fr-CA";
}

export interface SandboxMerchant {
  accountID: string;
  name: string;
  shops: SandboxShop[];
  employees: SandboxEmployee[];
}

export const DEMO_COFFEE: SandboxMerchant = {
  accountID: "1001",
  name: "Demo Coffee",
  shops: [
    {
      shopID: "1",
      name: "Demo Coffee Queen St",
      timeZone: "America/Toronto",
      currency: "CAD",
      registers: [
        { registerID: "1", name: "Front counter" },
        { registerID: "2", name: "Patio" },
      ],
    },
    {
      shopID: "2",
      name: "Demo Coffee Plateau",
      timeZone: "America/Toronto",
      currency: "CAD",
      registers: [{ registerID: "3", name: "Comptoir" }],
    },
    {
      shopID: "3",
      name: "Demo Coffee Gastown",
      timeZone: "America/Vancouver",
      currency: "CAD",
      registers: [{ registerID: "4", name: "Main register" }],
    },
  ],
  employees: [
    {
      employeeID: "1",
      name: "Sam Rivera",
      email: "sam@democoffee.test",
      role: "super_user",
      locale: "en-CA",
    },
    {
      employeeID: "2",
      name: "Marie Tremblay",
      email: "marie@democoffee.test",
      role: "manager",
      locale: "fr-CA",
    },
    { employeeID: "3", name: "Casey Chen", email: "casey@democoffee.test", role: "cashier", locale: "en-CA" },
    {
      employeeID: "4",
      name: "Julien Roy",
      email: "julien@democoffee.test",
      role: "super_user",
      locale: "fr-CA",
    },
  ],
};

/** A second, smaller merchant: the other account in isolation tests. */
export const MAPLE_BAKERY: SandboxMerchant = {
  accountID: "2002",
  name: "Maple Bakery",
  shops: [
    {
      shopID: "1",
      name: "Maple Bakery",
      timeZone: "America/Halifax",
      currency: "CAD",
      registers: [{ registerID: "1", name: "Counter" }],
    },
  ],
  employees: [
    {
      employeeID: "1",
      name: "Olivia Park",
      email: "olivia@maplebakery.test",
      role: "super_user",
      locale: "en-CA",
    },
    {
      employeeID: "2",
      name: "Léa Gagnon",
      email: "lea@maplebakery.test",
      role: "super_user",
      locale: "fr-CA",
    },
  ],
};

export const SANDBOX_MERCHANTS: readonly SandboxMerchant[] = [DEMO_COFFEE, MAPLE_BAKERY];

export function merchantById(accountID: string): SandboxMerchant | undefined {
  return SANDBOX_MERCHANTS.find((merchant) => merchant.accountID === accountID);
}
