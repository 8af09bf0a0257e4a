// The sandbox QuickBooks Online companies: two small Canadian food businesses, each with the chart a
// bookkeeper would set up for a coffee shop or a bakery (bank, Undeposited Funds, accounts receivable,
// inventory, sales tax and gift card liabilities, sales per category, discounts and returns, COGS, cash
// over/short), its items, tax rates and codes, classes (one per store) and vendors, in the API's JSON
// shapes. Deterministic: the same ids every time, so mappings and tests can name them.

export type QboObject = Record<string, unknown> & { Id: string };

export type AccountType =
  | "Bank"
  | "Accounts Receivable"
  | "Other Current Asset"
  | "Accounts Payable"
  | "Other Current Liability"
  | "Equity"
  | "Income"
  | "Other Income"
  | "Cost of Goods Sold"
  | "Expense";

export interface SandboxCompany {
  realmId: string;
  name: string;
  country: "CA";
  currency: { value: string; name: string };
  accounts: QboObject[];
  items: QboObject[];
  taxRates: QboObject[];
  taxCodes: QboObject[];
  classes: QboObject[];
  vendors: QboObject[];
  /** The liability account each tax rate books to (QuickBooks keeps it on the tax agency). */
  taxRateAccounts: Record<string, string>;
}

/** When the sandbox companies were set up: their lists' MetaData. */
const SET_UP = "2024-01-15T09:00:00-08:00";
const META = { CreateTime: SET_UP, LastUpdatedTime: SET_UP };
const CAD = { value: "CAD", name: "Canadian Dollar" };

const CLASSIFICATION: Record<AccountType, string> = {
  Bank: "Asset",
  "Accounts Receivable": "Asset",
  "Other Current Asset": "Asset",
  "Accounts Payable": "Liability",
  "Other Current Liability": "Liability",
  Equity: "Equity",
  Income: "Revenue",
  "Other Income": "Revenue",
  "Cost of Goods Sold": "Expense",
  Expense: "Expense",
};

const listEntry = (id: string, active: boolean) => ({
  Id: id,
  Active: active,
  domain: "QBO",
  sparse: false,
  SyncToken: "0",
  MetaData: META,
});

type AccountRow = [
  id: string,
  number: string,
  name: string,
  type: AccountType,
  subtype: string,
  active?: boolean,
];

function accounts(rows: AccountRow[]): QboObject[] {
  return rows.map(([id, number, name, type, subtype, active = true]) => ({
    ...listEntry(id, active),
    Name: name,
    SubAccount: false,
    FullyQualifiedName: name,
    Classification: CLASSIFICATION[type],
    AccountType: type,
    AccountSubType: subtype,
    AcctNum: number,
    CurrentBalance: 0,
    CurrentBalanceWithSubAccounts: 0,
    CurrencyRef: CAD,
  }));
}

type ItemRow = [
  id: string,
  name: string,
  type: "Service" | "NonInventory",
  incomeAccount: string,
  active?: boolean,
];

function items(accountList: QboObject[], rows: ItemRow[]): QboObject[] {
  return rows.map(([id, name, type, incomeAccount, active = true]) => ({
    ...listEntry(id, active),
    Name: name,
    FullyQualifiedName: name,
    Type: type,
    Taxable: false,
    UnitPrice: 0,
    IncomeAccountRef: { value: incomeAccount, name: nameOf(accountList, incomeAccount) },
  }));
}

type RateRow = [id: string, name: string, percent: number, agency: string];

function taxRates(rows: RateRow[]): QboObject[] {
  return rows.map(([id, name, percent, agency]) => ({
    ...listEntry(id, true),
    Name: name,
    Description: name,
    RateValue: percent,
    AgencyRef: { value: agency },
    SpecialTaxType: percent === 0 ? "ZERO_RATE" : "NONE",
    DisplayType: "ReadOnly",
  }));
}

type CodeRow = [id: string, name: string, rates: string[]];

function taxCodes(rateList: QboObject[], rows: CodeRow[]): QboObject[] {
  return rows.map(([id, name, rates]) => ({
    ...listEntry(id, true),
    Name: name,
    Description: name,
    Hidden: false,
    Taxable: true,
    TaxGroup: rates.length > 1,
    SalesTaxRateList: {
      TaxRateDetail: rates.map((rate, order) => ({
        TaxRateRef: { value: rate, name: nameOf(rateList, rate) },
        TaxTypeApplicable: "TaxOnAmount",
        TaxOrder: order,
      })),
    },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  }));
}

function classes(rows: [id: string, name: string][]): QboObject[] {
  return rows.map(([id, name]) => ({
    ...listEntry(id, true),
    Name: name,
    SubClass: false,
    FullyQualifiedName: name,
  }));
}

function vendors(rows: [id: string, name: string, active?: boolean][]): QboObject[] {
  return rows.map(([id, name, active = true]) => ({
    ...listEntry(id, active),
    DisplayName: name,
    CompanyName: name,
    PrintOnCheckName: name,
    Vendor1099: false,
    Balance: 0,
    CurrencyRef: CAD,
  }));
}

function nameOf(list: QboObject[], id: string): string {
  const entry = list.find((candidate) => candidate.Id === id);
  if (!entry) throw new Error(`sandbox company data: no entry ${id}`);
  return String(entry.Name);
}

const DEMO_ACCOUNTS = accounts([
  ["1", "1000", "Chequing", "Bank", "Checking"],
  ["2", "1050", "Petty cash", "Bank", "CashOnHand"],
  ["3", "1100", "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"],
  ["4", "1200", "Undeposited Funds", "Other Current Asset", "UndepositedFunds"],
  ["5", "1210", "Card clearing", "Other Current Asset", "OtherCurrentAssets"],
  ["6", "1220", "Cash in drawer", "Other Current Asset", "OtherCurrentAssets"],
  ["7", "1230", "Customer store accounts", "Other Current Asset", "OtherCurrentAssets"],
  ["8", "1300", "Inventory Asset", "Other Current Asset", "Inventory"],
  ["9", "2000", "Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"],
  ["10", "2050", "Inventory received not billed", "Other Current Liability", "OtherCurrentLiabilities"],
  ["11", "2100", "GST/HST Payable", "Other Current Liability", "GlobalTaxPayable"],
  ["12", "2110", "QST Payable", "Other Current Liability", "GlobalTaxPayable"],
  ["13", "2120", "PST Payable (BC)", "Other Current Liability", "GlobalTaxPayable"],
  ["14", "2200", "Gift cards outstanding", "Other Current Liability", "OtherCurrentLiabilities"],
  ["15", "2210", "Tips payable", "Other Current Liability", "OtherCurrentLiabilities"],
  ["16", "3000", "Owner's equity", "Equity", "OwnersEquity"],
  ["17", "4000", "Sales - Espresso drinks", "Income", "SalesOfProductIncome"],
  ["18", "4010", "Sales - Brewed coffee & tea", "Income", "SalesOfProductIncome"],
  ["19", "4020", "Sales - Pastries", "Income", "SalesOfProductIncome"],
  ["20", "4030", "Sales - Sandwiches", "Income", "SalesOfProductIncome"],
  ["21", "4040", "Sales - Coffee beans", "Income", "SalesOfProductIncome"],
  ["22", "4050", "Sales - Merchandise", "Income", "SalesOfProductIncome"],
  ["23", "4090", "Sales - Other", "Income", "SalesOfProductIncome"],
  ["24", "4900", "Discounts given", "Income", "DiscountsRefundsGiven"],
  ["25", "4950", "Returns", "Income", "DiscountsRefundsGiven"],
  ["26", "4980", "Rounding", "Other Income", "OtherMiscellaneousIncome"],
  ["27", "5000", "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"],
  ["28", "6100", "Cash payouts", "Expense", "OfficeGeneralAdministrativeExpenses"],
  ["29", "6110", "Cash paid-ins", "Other Income", "OtherMiscellaneousIncome"],
  ["30", "6150", "Cash over/short", "Expense", "OtherMiscellaneousServiceCost"],
  ["31", "6200", "Bank & card fees", "Expense", "BankCharges"],
  ["32", "4095", "Sales - Holiday market (deleted)", "Income", "SalesOfProductIncome", false],
]);

const DEMO_RATES = taxRates([
  ["1", "HST ON", 13, "1"],
  ["2", "GST", 5, "1"],
  ["3", "QST", 9.975, "2"],
  ["4", "PST BC", 7, "3"],
  ["5", "GST/HST Zero-rated", 0, "1"],
  ["6", "Exempt", 0, "1"],
]);

export const DEMO_COFFEE_BOOKS: SandboxCompany = {
  realmId: "9341450000001001",
  name: "Demo Coffee Books",
  country: "CA",
  currency: CAD,
  accounts: DEMO_ACCOUNTS,
  items: items(DEMO_ACCOUNTS, [
    ["1", "Espresso drinks", "Service", "17"],
    ["2", "Brewed coffee & tea", "Service", "18"],
    ["3", "Pastries", "NonInventory", "19"],
    ["4", "Sandwiches", "NonInventory", "20"],
    ["5", "Coffee beans", "NonInventory", "21"],
    ["6", "Merchandise", "NonInventory", "22"],
    ["7", "Sales", "Service", "23"],
    ["8", "Discounts", "Service", "24"],
    ["9", "Returns", "Service", "25"],
    ["10", "Gift cards", "Service", "14"],
    ["11", "Tips", "Service", "15"],
    ["12", "Store account deposits", "Service", "7"],
    ["13", "Rounding", "Service", "26"],
    ["14", "Catering (deleted)", "Service", "23", false],
  ]),
  taxRates: DEMO_RATES,
  taxCodes: taxCodes(DEMO_RATES, [
    ["1", "HST ON", ["1"]],
    ["2", "GST", ["2"]],
    ["3", "GST/QST QC - 9.975", ["2", "3"]],
    ["4", "QST", ["3"]],
    ["5", "GST/PST BC", ["2", "4"]],
    ["6", "PST BC", ["4"]],
    ["7", "Zero-rated", ["5"]],
    ["8", "Exempt", ["6"]],
  ]),
  taxRateAccounts: { "1": "11", "2": "11", "3": "12", "4": "13", "5": "11", "6": "11" },
  classes: classes([
    ["1", "Queen St"],
    ["2", "Plateau"],
    ["3", "Gastown"],
  ]),
  vendors: vendors([
    ["1", "Canada Revenue Agency"],
    ["2", "Revenu Québec"],
    ["3", "Minister of Finance (BC)"],
    ["4", "Moneris"],
    ["5", "Pilot Coffee Roasters"],
    ["6", "Fresh Bakes Wholesale"],
    ["7", "Dairy Direct"],
    ["8", "Cup & Lid Supply"],
    ["9", "Bean Brokers (deleted)", false],
  ]),
};

const MAPLE_ACCOUNTS = accounts([
  ["1", "1000", "Chequing", "Bank", "Checking"],
  ["2", "1100", "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"],
  ["3", "1200", "Undeposited Funds", "Other Current Asset", "UndepositedFunds"],
  ["4", "1210", "Card clearing", "Other Current Asset", "OtherCurrentAssets"],
  ["5", "1220", "Cash in drawer", "Other Current Asset", "OtherCurrentAssets"],
  ["6", "1300", "Inventory Asset", "Other Current Asset", "Inventory"],
  ["7", "2000", "Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"],
  ["8", "2100", "GST/HST Payable", "Other Current Liability", "GlobalTaxPayable"],
  ["9", "2200", "Gift cards outstanding", "Other Current Liability", "OtherCurrentLiabilities"],
  ["10", "2210", "Tips payable", "Other Current Liability", "OtherCurrentLiabilities"],
  ["11", "3000", "Owner's equity", "Equity", "OwnersEquity"],
  ["12", "4000", "Sales - Breads", "Income", "SalesOfProductIncome"],
  ["13", "4010", "Sales - Pastries", "Income", "SalesOfProductIncome"],
  ["14", "4020", "Sales - Cakes", "Income", "SalesOfProductIncome"],
  ["15", "4030", "Sales - Coffee & tea", "Income", "SalesOfProductIncome"],
  ["16", "4900", "Discounts given", "Income", "DiscountsRefundsGiven"],
  ["17", "4950", "Returns", "Income", "DiscountsRefundsGiven"],
  ["18", "5000", "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"],
  ["19", "6100", "Cash payouts", "Expense", "OfficeGeneralAdministrativeExpenses"],
  ["20", "6150", "Cash over/short", "Expense", "OtherMiscellaneousServiceCost"],
]);

const MAPLE_RATES = taxRates([
  ["1", "HST NS", 14, "1"],
  ["2", "GST/HST Zero-rated", 0, "1"],
  ["3", "Exempt", 0, "1"],
]);

export const MAPLE_BAKERY_BOOKS: SandboxCompany = {
  realmId: "9341450000002002",
  name: "Maple Bakery Books",
  country: "CA",
  currency: CAD,
  accounts: MAPLE_ACCOUNTS,
  items: items(MAPLE_ACCOUNTS, [
    ["1", "Breads", "NonInventory", "12"],
    ["2", "Pastries", "NonInventory", "13"],
    ["3", "Cakes", "NonInventory", "14"],
    ["4", "Coffee & tea", "Service", "15"],
    ["5", "Discounts", "Service", "16"],
    ["6", "Returns", "Service", "17"],
    ["7", "Gift cards", "Service", "9"],
    ["8", "Tips", "Service", "10"],
  ]),
  taxRates: MAPLE_RATES,
  taxCodes: taxCodes(MAPLE_RATES, [
    ["1", "HST NS", ["1"]],
    ["2", "Zero-rated", ["2"]],
    ["3", "Exempt", ["3"]],
  ]),
  taxRateAccounts: { "1": "8", "2": "8", "3": "8" },
  classes: classes([["1", "Halifax"]]),
  vendors: vendors([
    ["1", "Canada Revenue Agency"],
    ["2", "Square"],
    ["3", "Atlantic Flour Mills"],
    ["4", "Harbour Coffee Co."],
  ]),
};

export const SANDBOX_COMPANIES: readonly SandboxCompany[] = [DEMO_COFFEE_BOOKS, MAPLE_BAKERY_BOOKS];

export function companyByRealm(realmId: string): SandboxCompany | undefined {
  return SANDBOX_COMPANIES.find((company) => company.realmId === realmId);
}

/** The name lists a query can read, by entity name. */
export function listOf(company: SandboxCompany, entity: string): QboObject[] | undefined {
  switch (entity) {
    case "Account":
      return company.accounts;
    case "Item":
      return company.items;
    case "TaxRate":
      return company.taxRates;
    case "TaxCode":
      return company.taxCodes;
    case "Class":
      return company.classes;
    case "Vendor":
      return company.vendors;
    default:
      return undefined;
  }
}
