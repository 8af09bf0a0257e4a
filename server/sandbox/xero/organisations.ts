// The sandbox Xero organisations (tenants): two small Canadian businesses with the chart a bookkeeper
// would set up for a coffee chain and a bakery. Deterministic: the same ids on every run, so mappings,
// tests and people see the same books. Accounts, items, tax rates and tracking are in Xero's own JSON
// field names; the codes follow tests/support/sandboxMapping.ts so one mapping serves both ledgers.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { Decimal, sum } from "../../../shared/money";

export type AccountType =
  | "BANK"
  | "CURRENT"
  | "INVENTORY"
  | "PREPAYMENT"
  | "FIXED"
  | "CURRLIAB"
  | "TERMLIAB"
  | "EQUITY"
  | "REVENUE"
  | "OTHERINCOME"
  | "DIRECTCOSTS"
  | "EXPENSE"
  | "OVERHEADS";

export interface SandboxAccount {
  AccountID: string;
  /** Xero codes are optional for bank accounts; every other account here has one. */
  Code?: string;
  Name: string;
  Type: AccountType;
  Status: "ACTIVE" | "ARCHIVED";
  TaxType: string;
  /** Payments may be made to it (a non-bank account used like one: clearing, gift cards). */
  EnablePaymentsToAccount: boolean;
  SystemAccount?: "DEBTORS" | "CREDITORS" | "GST" | "RETAINEDEARNINGS" | "ROUNDING";
  BankAccountNumber?: string;
}

export interface SandboxItem {
  ItemID: string;
  Code: string;
  Name: string;
  Description: string;
  IsSold: boolean;
  IsPurchased: boolean;
  SalesDetails: { UnitPrice: string; AccountCode: string; TaxType: string };
}

export interface SandboxTaxRate {
  TaxType: string;
  Name: string;
  Status: "ACTIVE" | "ARCHIVED";
  /** Percent, as a decimal string: "14.975". */
  rate: string;
  components: { Name: string; Rate: string }[];
  revenue: boolean;
}

export interface SandboxTrackingCategory {
  TrackingCategoryID: string;
  Name: string;
  Status: "ACTIVE";
  Options: { TrackingOptionID: string; Name: string; Status: "ACTIVE" | "ARCHIVED" }[];
}

export interface SandboxContact {
  ContactID: string;
  Name: string;
  IsSupplier: boolean;
  IsCustomer: boolean;
  ContactStatus: "ACTIVE" | "ARCHIVED";
}

export interface SandboxOrganisation {
  tenantId: string;
  name: string;
  baseCurrency: string;
  accounts: SandboxAccount[];
  items: SandboxItem[];
  taxRates: SandboxTaxRate[];
  trackingCategories: SandboxTrackingCategory[];
  contacts: SandboxContact[];
}

/** A UUID-shaped id that only depends on its parts (a version-4 layout, as Xero's ids have). */
export function stableId(...parts: string[]): string {
  const hex = bytesToHex(sha256(utf8ToBytes(parts.join("|"))))
    .slice(0, 32)
    .split("");
  hex[12] = "4";
  hex[16] = "89ab"[parseInt(hex[16] ?? "0", 16) % 4] as string;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Xero's reporting class of an account type. */
export function accountClass(type: AccountType): "ASSET" | "LIABILITY" | "EQUITY" | "REVENUE" | "EXPENSE" {
  switch (type) {
    case "BANK":
    case "CURRENT":
    case "INVENTORY":
    case "PREPAYMENT":
    case "FIXED":
      return "ASSET";
    case "CURRLIAB":
    case "TERMLIAB":
      return "LIABILITY";
    case "EQUITY":
      return "EQUITY";
    case "REVENUE":
    case "OTHERINCOME":
      return "REVENUE";
    default:
      return "EXPENSE";
  }
}

type AccountSpec = [
  code: string | undefined,
  name: string,
  type: AccountType,
  extra?: Partial<Omit<SandboxAccount, "AccountID" | "Code" | "Name" | "Type">>,
];

const payable = { EnablePaymentsToAccount: true };

/** What every sandbox organisation has, whatever it sells. */
const COMMON_ACCOUNTS: AccountSpec[] = [
  ["1000", "RBC Business Chequing", "BANK", { BankAccountNumber: "00012-003-1234567" }],
  [undefined, "Stripe Payouts", "BANK", { BankAccountNumber: "acct_1StripeSandbox" }],
  ["1010", "Undeposited Funds", "CURRENT", payable],
  ["1020", "Cash in Drawer", "CURRENT"],
  ["1060", "Card Clearing", "CURRENT", payable],
  ["1200", "Accounts Receivable", "CURRENT", { SystemAccount: "DEBTORS" }],
  ["1250", "Customer House Accounts", "CURRENT", payable],
  ["1300", "Inventory", "INVENTORY"],
  ["1400", "Prepaid Expenses", "PREPAYMENT"],
  ["1500", "Kitchen & Espresso Equipment", "FIXED"],
  ["2000", "Accounts Payable", "CURRLIAB", { SystemAccount: "CREDITORS" }],
  ["2010", "Goods Received Not Invoiced", "CURRLIAB"],
  ["2200", "Sales Tax", "CURRLIAB", { SystemAccount: "GST" }],
  ["2400", "Gift Card Liability", "CURRLIAB", payable],
  ["2450", "Tips Payable", "CURRLIAB"],
  ["2600", "Equipment Loan", "TERMLIAB"],
  ["3000", "Owner's Equity", "EQUITY"],
  ["3200", "Retained Earnings", "EQUITY", { SystemAccount: "RETAINEDEARNINGS" }],
  ["4900", "Discounts Given", "REVENUE"],
  ["4950", "Sales Returns", "REVENUE"],
  ["4990", "Catering Sales (closed)", "REVENUE", { Status: "ARCHIVED" }],
  ["5000", "Cost of Goods Sold", "DIRECTCOSTS"],
  ["6100", "Cash Payouts", "EXPENSE"],
  ["6110", "Cash Paid-ins", "OTHERINCOME"],
  ["6150", "Cash Over/Short", "EXPENSE"],
  ["6200", "Rent", "OVERHEADS"],
  ["6300", "Wages & Salaries", "EXPENSE"],
  ["6400", "Bank Service Charges", "EXPENSE"],
  ["6990", "Rounding", "EXPENSE", { SystemAccount: "ROUNDING" }],
];

/** By code; accounts without one (bank accounts) last. */
function byCode(a: SandboxAccount, b: SandboxAccount): number {
  if (a.Code === undefined || b.Code === undefined)
    return (a.Code === undefined ? 1 : 0) - (b.Code === undefined ? 1 : 0);
  return a.Code < b.Code ? -1 : a.Code > b.Code ? 1 : 0;
}

function accountsOf(tenantId: string, specs: AccountSpec[]): SandboxAccount[] {
  return specs
    .map(([code, name, type, extra = {}]) => ({
      AccountID: stableId(tenantId, "account", code ?? name),
      ...(code !== undefined && { Code: code }),
      Name: name,
      Type: type,
      Status: "ACTIVE" as const,
      TaxType: type === "REVENUE" ? "TAX001" : "NONE",
      EnablePaymentsToAccount: false,
      ...extra,
    }))
    .sort(byCode);
}

function taxRate(TaxType: string, Name: string, components: [string, string][], revenue = true) {
  return {
    TaxType,
    Name,
    Status: "ACTIVE" as const,
    rate: sum(components.map(([, rate]) => new Decimal(rate))).toFixed(),
    components: components.map(([name, r]) => ({ Name: name, Rate: r })),
    revenue,
  };
}

const NO_TAX_RATES: SandboxTaxRate[] = [
  taxRate("ZERORATED", "Zero-rated Sales (0%)", [["GST", "0"]]),
  taxRate("EXEMPTOUTPUT", "Tax Exempt (0%)", [["Exempt", "0"]]),
  taxRate("NONE", "No Tax", [["None", "0"]]),
];

function item(
  tenantId: string,
  Code: string,
  Name: string,
  UnitPrice: string,
  AccountCode: string,
  TaxType: string,
): SandboxItem {
  return {
    ItemID: stableId(tenantId, "item", Code),
    Code,
    Name,
    Description: Name,
    IsSold: true,
    IsPurchased: AccountCode !== "2400",
    SalesDetails: { UnitPrice, AccountCode, TaxType },
  };
}

function tracking(tenantId: string, name: string, options: string[]): SandboxTrackingCategory {
  return {
    TrackingCategoryID: stableId(tenantId, "tracking", name),
    Name: name,
    Status: "ACTIVE",
    Options: options.map((option) => ({
      TrackingOptionID: stableId(tenantId, "tracking", name, option),
      Name: option,
      Status: "ACTIVE",
    })),
  };
}

function suppliers(tenantId: string, names: string[]): SandboxContact[] {
  return names.map((name) => ({
    ContactID: stableId(tenantId, "contact", name),
    Name: name,
    IsSupplier: true,
    IsCustomer: false,
    ContactStatus: "ACTIVE",
  }));
}

const DEMO_COFFEE_TENANT = "3f8d2c1a-6b4e-4d7a-9f2e-1c5b8a7d6e01";
const MAPLE_BAKERY_TENANT = "9a1b7c3d-2e4f-4a6b-8c0d-5e7f9a1b3c02";

export const DEMO_COFFEE_LTD: SandboxOrganisation = {
  tenantId: DEMO_COFFEE_TENANT,
  name: "Demo Coffee Ltd",
  baseCurrency: "CAD",
  accounts: accountsOf(DEMO_COFFEE_TENANT, [
    ...COMMON_ACCOUNTS,
    ["2311", "HST Payable (Ontario)", "CURRLIAB"],
    ["2321", "GST Payable (Quebec stores)", "CURRLIAB"],
    ["2322", "QST Payable", "CURRLIAB"],
    ["2331", "GST Payable (BC store)", "CURRLIAB"],
    ["2332", "PST Payable (BC)", "CURRLIAB"],
    ["4001", "Sales - Espresso Drinks", "REVENUE"],
    ["4002", "Sales - Brewed Coffee & Tea", "REVENUE"],
    ["4003", "Sales - Pastries", "REVENUE"],
    ["4004", "Sales - Sandwiches", "REVENUE"],
    ["4005", "Sales - Coffee Beans", "REVENUE", { TaxType: "ZERORATED" }],
    ["4006", "Sales - Merchandise", "REVENUE"],
  ]),
  items: [
    item(DEMO_COFFEE_TENANT, "LATTE", "Latte", "5.25", "4001", "TAX001"),
    item(DEMO_COFFEE_TENANT, "DRIP", "Drip coffee", "2.95", "4002", "TAX001"),
    item(DEMO_COFFEE_TENANT, "CROISSANT", "Butter croissant", "3.75", "4003", "TAX001"),
    item(DEMO_COFFEE_TENANT, "CLUB", "Turkey club sandwich", "9.95", "4004", "TAX001"),
    item(DEMO_COFFEE_TENANT, "BEANS-HOUSE", "House blend beans 340 g", "16.95", "4005", "ZERORATED"),
    item(DEMO_COFFEE_TENANT, "MUG", "Ceramic mug", "18.00", "4006", "TAX001"),
    item(DEMO_COFFEE_TENANT, "GIFTCARD", "Gift card", "0.00", "2400", "NONE"),
  ],
  taxRates: [
    taxRate("TAX001", "HST on Sales (ON) 13%", [["HST", "13"]]),
    taxRate("TAX002", "GST on Sales 5%", [["GST", "5"]]),
    taxRate("TAX003", "QST on Sales 9.975%", [["QST", "9.975"]]),
    taxRate("TAX004", "GST + QST on Sales 14.975%", [
      ["GST", "5"],
      ["QST", "9.975"],
    ]),
    taxRate("TAX005", "PST on Sales (BC) 7%", [["PST", "7"]]),
    taxRate("TAX006", "GST + PST on Sales (BC) 12%", [
      ["GST", "5"],
      ["PST", "7"],
    ]),
    taxRate("INPUT", "HST on Purchases 13%", [["HST", "13"]], false),
    ...NO_TAX_RATES,
  ],
  trackingCategories: [tracking(DEMO_COFFEE_TENANT, "Location", ["Queen St", "Plateau", "Gastown"])],
  contacts: suppliers(DEMO_COFFEE_TENANT, [
    "Pilot Coffee Roasters",
    "Fresh Bakes Wholesale",
    "Dairy Direct",
    "Cup & Lid Supply",
    "Canada Revenue Agency",
    "Revenu Québec",
    "BC Ministry of Finance",
  ]),
};

export const MAPLE_BAKERY_LTD: SandboxOrganisation = {
  tenantId: MAPLE_BAKERY_TENANT,
  name: "Maple Bakery Ltd",
  baseCurrency: "CAD",
  accounts: accountsOf(MAPLE_BAKERY_TENANT, [
    ...COMMON_ACCOUNTS,
    ["2341", "HST Payable (Nova Scotia)", "CURRLIAB"],
    ["4001", "Sales - Breads", "REVENUE", { TaxType: "ZERORATED" }],
    ["4002", "Sales - Pastries", "REVENUE"],
    ["4003", "Sales - Cakes", "REVENUE"],
    ["4004", "Sales - Coffee & Tea", "REVENUE"],
  ]),
  items: [
    item(MAPLE_BAKERY_TENANT, "SOURDOUGH", "Sourdough loaf", "7.50", "4001", "ZERORATED"),
    item(MAPLE_BAKERY_TENANT, "CROISSANT", "Croissant", "3.50", "4002", "TAX001"),
    item(MAPLE_BAKERY_TENANT, "CAKE-SLICE", "Carrot cake slice", "5.25", "4003", "TAX001"),
    item(MAPLE_BAKERY_TENANT, "COFFEE", "Coffee", "2.75", "4004", "TAX001"),
  ],
  taxRates: [
    taxRate("TAX001", "HST on Sales (NS) 14%", [["HST", "14"]]),
    taxRate("TAX002", "GST on Sales 5%", [["GST", "5"]]),
    taxRate("INPUT", "HST on Purchases 14%", [["HST", "14"]], false),
    ...NO_TAX_RATES,
  ],
  trackingCategories: [tracking(MAPLE_BAKERY_TENANT, "Location", ["Halifax"])],
  contacts: suppliers(MAPLE_BAKERY_TENANT, [
    "Atlantic Flour Mills",
    "Harbour Coffee Co.",
    "Canada Revenue Agency",
  ]),
};

export const SANDBOX_ORGANISATIONS: readonly SandboxOrganisation[] = [DEMO_COFFEE_LTD, MAPLE_BAKERY_LTD];

export function organisationById(tenantId: string): SandboxOrganisation | undefined {
  return SANDBOX_ORGANISATIONS.find((organisation) => organisation.tenantId === tenantId);
}
