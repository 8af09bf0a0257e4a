// The company's name lists (accounts, items, tax codes and rates, classes, vendors), read once per client
// (a client serves one request or one posting run) with their inactive entries, for the chart and for
// what posting needs to know: vendor names, tax rates, account types, and why a reference was refused.
import { z } from "zod";
import { Decimal, sum } from "../../../shared/money";
import type { ChartEntry, LedgerAccount, LedgerChart, LedgerTaxCode } from "../port";
import type { QboRest } from "./rest";

const Entry = z.looseObject({
  Id: z.string(),
  Name: z.string().optional(),
  FullyQualifiedName: z.string().optional(),
  DisplayName: z.string().optional(),
  Active: z.boolean().optional(),
});
const Account = Entry.extend({
  AccountType: z.string().default(""),
  AccountSubType: z.string().optional(),
  AcctNum: z.string().optional(),
});
const RateDetail = z.object({ TaxRateRef: z.object({ value: z.string() }) });
const TaxCode = Entry.extend({
  SalesTaxRateList: z.object({ TaxRateDetail: z.array(RateDetail).default([]) }).optional(),
});
const TaxRate = Entry.extend({ RateValue: z.union([z.number(), z.string()]).optional() });

type Entry = z.infer<typeof Entry>;

export type QboTaxRate = z.infer<typeof TaxRate>;

export type ListKind = "Account" | "Item" | "TaxCode" | "TaxRate" | "Class" | "Vendor";

const nameOf = (entry: Entry) => entry.FullyQualifiedName ?? entry.Name ?? entry.DisplayName ?? entry.Id;
const isActive = (entry: Entry) => entry.Active !== false;

export function createQboLists(rest: QboRest, pageSize: number) {
  const loaded = new Map<ListKind, Promise<Record<string, unknown>[]>>();
  /** Every entry, active or not (QuickBooks lists only active ones unless asked). */
  function read(kind: ListKind): Promise<Record<string, unknown>[]> {
    let list = loaded.get(kind);
    if (!list) {
      list = rest.queryAll(kind, "Active IN (true, false)", pageSize);
      list.catch(() => loaded.delete(kind));
      loaded.set(kind, list);
    }
    return list;
  }
  const parsed = async <T extends z.ZodType>(kind: ListKind, schema: T): Promise<z.output<T>[]> =>
    (await read(kind)).flatMap((record) => {
      const entry = schema.safeParse(record);
      return entry.success ? [entry.data] : [];
    });

  const accounts = () => parsed("Account", Account);
  const items = () => parsed("Item", Entry);
  const taxCodes = () => parsed("TaxCode", TaxCode);
  const taxRates = () => parsed("TaxRate", TaxRate);
  const classes = () => parsed("Class", Entry);
  const vendors = () => parsed("Vendor", Entry);

  async function ratesOfCode(codeId: string): Promise<{ code?: string; rates: QboTaxRate[] }> {
    const [codes, rates] = await Promise.all([taxCodes(), taxRates()]);
    const code = codes.find((candidate) => candidate.Id === codeId);
    if (!code) return { rates: [] };
    const ids = code.SalesTaxRateList?.TaxRateDetail.map((detail) => detail.TaxRateRef.value) ?? [];
    return { code: nameOf(code), rates: rates.filter((rate) => ids.includes(rate.Id)) };
  }

  return {
    accounts,
    ratesOfCode,

    async chart(): Promise<LedgerChart> {
      const [accountList, itemList, codeList, classList, vendorList] = await Promise.all([
        accounts(),
        items(),
        taxCodes(),
        classes(),
        vendors(),
      ]);
      const entry = (record: Entry): ChartEntry => ({
        id: record.Id,
        name: nameOf(record),
        active: isActive(record),
      });
      return {
        accounts: accountList.map((account): LedgerAccount => ({
          ...entry(account),
          type: account.AccountType,
          ...(account.AccountSubType && { subtype: account.AccountSubType }),
          ...(account.AcctNum && { code: account.AcctNum }),
        })),
        items: itemList.map(entry),
        taxCodes: await Promise.all(
          codeList.map(async (code): Promise<LedgerTaxCode> => {
            const { rates } = await ratesOfCode(code.Id);
            const known = rates.filter((rate) => rate.RateValue !== undefined);
            return {
              ...entry(code),
              ...(known.length > 0 && {
                rate: sum(known.map((rate) => new Decimal(String(rate.RateValue)))).toFixed(),
              }),
            };
          }),
        ),
        classes: classList.map(entry),
        vendors: vendorList.map((vendor) => ({
          ...entry(vendor),
          name: vendor.DisplayName ?? nameOf(vendor),
        })),
      };
    },

    /** A vendor's id from a mapped vendor id or, for purchase orders, the POS vendor's name. */
    async vendorId(vendor: string): Promise<string | undefined> {
      const list = await vendors();
      const wanted = vendor.trim().toLowerCase();
      return (
        list.find((candidate) => candidate.Id === vendor)?.Id ??
        list.find((candidate) => (candidate.DisplayName ?? nameOf(candidate)).trim().toLowerCase() === wanted)
          ?.Id
      );
    },

    /** A class's id from a mapped class id or name; an unknown one as given (QuickBooks will refuse it). */
    async classId(value: string): Promise<string> {
      const list = await classes();
      return (
        list.find((candidate) => candidate.Id === value)?.Id ??
        list.find((candidate) => nameOf(candidate) === value || candidate.Name === value)?.Id ??
        value
      );
    },

    /** Why QuickBooks cannot use an id of `kind`: it is not in the company, or it is inactive. */
    async unusable(
      kind: ListKind,
      id: string,
    ): Promise<{ problem: "missing" | "inactive"; name?: string } | undefined> {
      const list = await parsed(kind, Entry);
      const found = list.find((candidate) => candidate.Id === id);
      if (!found) return { problem: "missing" };
      return isActive(found) ? undefined : { problem: "inactive", name: nameOf(found) };
    },
  };
}

export type QboLists = ReturnType<typeof createQboLists>;
