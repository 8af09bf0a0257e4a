// The mapping's sections as the seeds list them (002/004): Sales, Discounts/Returns/Offsets, Other
// Charges, Taxes (when tracked), Payments, Cash Drawer, Inventory & COGS (when booked), and the Class
// of each store for multi-location accounts. Each says what a catch-all absorbs and what is unmapped.
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Checkbox,
  InlineGrid,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { CatalogEntry, StoreView } from "../../../shared/api";
import { useLoad } from "../api/useLoad";
import { useApp } from "../context";
import { useI18n } from "../i18n";
import { getAt, salesTargetKind, setAt, targetId, unmapped } from "./draft";
import { TargetPicker } from "./TargetPicker";
import { type SectionProps, type TargetRow, TargetRows } from "./TargetRows";

export interface PosCatalog {
  categories: CatalogEntry[];
  discounts: CatalogEntry[];
  taxes: CatalogEntry[];
  paymentTypes: CatalogEntry[];
}

type CatalogSectionProps = SectionProps & { catalog: PosCatalog };

/** Names as the POS gives them, with the id added where two share a name (GST in two provinces), so
 *  every row and its picker can be told apart, by eye and by screen reader. */
function distinctNames(entries: readonly CatalogEntry[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
  return new Map(
    entries.map((entry) => [
      entry.id,
      counts.get(entry.name)! > 1 ? `${entry.name} (${entry.id})` : entry.name,
    ]),
  );
}

/** What the unmapped entries of a section become: absorbed by its catch-all, or holding the day. */
function UnmappedNotice({ count, catchAll, what }: { count: number; catchAll: string | null; what: string }) {
  const { t } = useI18n();
  if (count === 0) return null;
  return catchAll ? (
    <Banner tone="info">{t("mapping.unmapped_absorbed", { count, what, catchAll })}</Banner>
  ) : (
    <Banner tone="warning">{t("mapping.unmapped_holds", { count, what })}</Banner>
  );
}

export function SalesSection(props: CatalogSectionProps) {
  const { t } = useI18n();
  const { mapping, catalog } = props;
  const kind = salesTargetKind(mapping.postingMethod);
  const all: TargetRow = {
    key: "all",
    label: t("mapping.all_sales"),
    note: t("mapping.catch_all"),
    path: ["sales", "all"],
    kind,
  };
  if (mapping.postingMethod === "itemized_sales_receipt") return <ItemRows {...props} all={all} />;
  const rows = catalog.categories.map((category): TargetRow => ({
    key: category.id,
    label: category.name,
    path: ["sales", "byCategory", category.id],
    kind,
  }));
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t(kind === "item" ? "mapping.sales.help_items" : "mapping.sales.help_accounts")}
      </Text>
      <UnmappedNotice
        count={unmapped(catalog.categories, mapping.sales.byCategory).length}
        catchAll={targetId(mapping.sales.all) ? t("mapping.all_sales") : null}
        what={t("mapping.what.categories")}
      />
      <TargetRows {...props} rows={[all, ...rows]} />
    </BlockStack>
  );
}

/** Itemized receipts map POS items, listed a page at a time with a search. */
function ItemRows(props: CatalogSectionProps & { all: TargetRow }) {
  const { api } = useApp();
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const cursor = pages[pages.length - 1];
  const page = useLoad(() => api.catalog("items", { search, after: cursor }), [api, search, cursor]);
  const rows = (page.data?.entries ?? []).map((item): TargetRow => ({
    key: item.id,
    label: item.name,
    path: ["sales", "byItem", item.id],
    kind: "item",
  }));
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t("mapping.sales.help_itemized")}
      </Text>
      <TargetRows {...props} rows={[props.all]} />
      <TextField
        label={t("mapping.search_items")}
        value={search}
        onChange={(value) => {
          setSearch(value);
          setPages([undefined]);
        }}
        autoComplete="off"
      />
      <TargetRows {...props} rows={rows} />
      <InlineStack gap="200">
        <Button disabled={pages.length < 2} onClick={() => setPages(pages.slice(0, -1))}>
          {t("mapping.previous_page")}
        </Button>
        <Button disabled={!page.data?.next} onClick={() => setPages([...pages, page.data?.next])}>
          {t("mapping.next_page")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

export function DiscountsSection(props: CatalogSectionProps) {
  const { t } = useI18n();
  const { mapping, catalog } = props;
  const kind = salesTargetKind(mapping.postingMethod);
  const rows: TargetRow[] = [
    {
      key: "all",
      label: t("mapping.all_discounts"),
      note: t("mapping.catch_all"),
      path: ["discounts", "all"],
      kind,
    },
    ...catalog.discounts.map((discount): TargetRow => ({
      key: discount.id,
      label: discount.name,
      path: ["discounts", "byDiscount", discount.id],
      kind,
    })),
    {
      key: "returns",
      label: t("mapping.returns"),
      note: t("mapping.returns_note"),
      path: ["discounts", "returns"],
      kind,
    },
  ];
  return (
    <BlockStack gap="300">
      <UnmappedNotice
        count={unmapped(catalog.discounts, mapping.discounts.byDiscount).length}
        catchAll={targetId(mapping.discounts.all) ? t("mapping.all_discounts") : null}
        what={t("mapping.what.discounts")}
      />
      <TargetRows {...props} rows={rows} />
    </BlockStack>
  );
}

/** A row per POS tax, named apart and with its rate: as other charges (accounts with a vendor) or as
 *  the ledger's tax codes. */
function taxRows(
  taxes: readonly CatalogEntry[],
  percent: (rate: string) => string,
  target: { section: "otherCharges" | "taxes"; kind: TargetRow["kind"]; vendor?: boolean },
): TargetRow[] {
  const names = distinctNames(taxes);
  return taxes.map((tax) => ({
    key: tax.id,
    label: names.get(tax.id)!,
    ...(tax.rate && { note: percent(tax.rate) }),
    path: [target.section, "byTax", tax.id],
    kind: target.kind,
    ...(target.vendor && { vendor: true }),
  }));
}

export function OtherChargesSection(props: CatalogSectionProps) {
  const { t, percent } = useI18n();
  const { mapping, catalog } = props;
  const taxes = mapping.settings.trackSalesTaxInLedger
    ? []
    : taxRows(catalog.taxes, percent, { section: "otherCharges", kind: "account", vendor: true });
  const rows: TargetRow[] = [
    ...taxes,
    { key: "gift", label: t("mapping.gift_cards"), path: ["otherCharges", "giftCards"], kind: "account" },
    { key: "tips", label: t("mapping.tips"), path: ["otherCharges", "tips"], kind: "account" },
    {
      key: "credit",
      label: t("mapping.credit_account"),
      note: t("mapping.credit_account_note"),
      path: ["otherCharges", "creditAccount"],
      kind: "account",
    },
  ];
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t(mapping.settings.trackSalesTaxInLedger ? "mapping.other.help_tracked" : "mapping.other.help")}
      </Text>
      <Banner tone="info">{t("mapping.no_receivables")}</Banner>
      {!mapping.settings.trackSalesTaxInLedger && (
        <UnmappedNotice
          count={unmapped(catalog.taxes, mapping.otherCharges.byTax).length}
          catchAll={null}
          what={t("mapping.what.taxes")}
        />
      )}
      <TargetRows {...props} rows={rows} />
    </BlockStack>
  );
}

export function TaxesSection(props: CatalogSectionProps) {
  const { t, percent } = useI18n();
  const { mapping, catalog } = props;
  const rows = taxRows(catalog.taxes, percent, { section: "taxes", kind: "taxCode" });
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t("mapping.taxes.help")}
      </Text>
      <UnmappedNotice
        count={unmapped(catalog.taxes, mapping.taxes.byTax).length}
        catchAll={null}
        what={t("mapping.what.taxes")}
      />
      <TargetRows {...props} rows={rows} />
    </BlockStack>
  );
}

const isCard = (entry: CatalogEntry) => entry.kind === "card";

export function PaymentsSection(props: CatalogSectionProps) {
  const { t } = useI18n();
  const { mapping, catalog, onChange } = props;
  const combined = mapping.settings.combineCreditCards;
  const payable = catalog.paymentTypes.filter((type) => type.kind !== "cash");
  const rows: TargetRow[] = [
    ...(combined
      ? [
          {
            key: "cards",
            label: t("mapping.all_credit_cards"),
            note: t("mapping.all_credit_cards_note"),
            path: ["payments", "allCreditCards"],
            kind: "account",
          } as TargetRow,
        ]
      : []),
    ...payable.map((type): TargetRow => ({
      key: type.id,
      label: type.name,
      ...(combined && isCard(type) && { note: t("mapping.credit_mark") }),
      path: ["payments", "byType", type.id],
      kind: "account",
      vendor: true,
    })),
  ];
  const notMapped = unmapped(
    payable.filter((type) => !(combined && isCard(type))),
    mapping.payments.byType,
  ).length;
  return (
    <BlockStack gap="300">
      <Checkbox
        label={t("mapping.toggle_all_credit")}
        helpText={t("mapping.toggle_all_credit_help")}
        checked={combined}
        onChange={(value) => onChange(setAt(mapping, ["settings", "combineCreditCards"], value))}
      />
      <Text as="p" tone="subdued">
        {t("mapping.payments.cash_note")}
      </Text>
      <UnmappedNotice count={notMapped} catchAll={null} what={t("mapping.what.payment_types")} />
      <TargetRows {...props} rows={rows} />
    </BlockStack>
  );
}

export function CashDrawerSection(props: SectionProps) {
  const { t } = useI18n();
  const row = (key: "deposit" | "cashInDrawer" | "payouts" | "paidIns" | "overShort"): TargetRow => ({
    key,
    label: t(`mapping.drawer.${key}`),
    path: ["cashDrawer", key],
    kind: "account",
  });
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t("mapping.drawer.help")}
      </Text>
      <TargetRows
        {...props}
        rows={[row("deposit"), row("cashInDrawer"), row("payouts"), row("paidIns"), row("overShort")]}
      />
    </BlockStack>
  );
}

export function InventorySection(props: CatalogSectionProps) {
  const { t } = useI18n();
  const { mapping, catalog, onChange } = props;
  const pair = (key: string, label: string, base: string[]): TargetRow[] => [
    {
      key: `${key}-inventory`,
      label: `${label}: ${t("mapping.inventory_account")}`,
      path: [...base, "inventory"],
      kind: "account",
    },
    {
      key: `${key}-cogs`,
      label: `${label}: ${t("mapping.cogs_account")}`,
      path: [...base, "cogs"],
      kind: "account",
    },
  ];
  const po: TargetRow[] = [
    {
      key: "po-inventory",
      label: t("mapping.po_inventory"),
      path: ["purchaseOrders", "inventory"],
      kind: "account",
    },
    { key: "po-offset", label: t("mapping.po_offset"), path: ["purchaseOrders", "offset"], kind: "account" },
  ];
  return (
    <BlockStack gap="400">
      <Text as="p" tone="subdued">
        {t("mapping.inventory.help")}
      </Text>
      <TargetRows {...props} rows={pair("all", t("mapping.all_categories"), ["inventory", "all"])} />
      {catalog.categories.map((category) => {
        const ignored = getAt(mapping, ["inventory", "byCategory", category.id, "ignore"]) === true;
        return (
          <BlockStack key={category.id} gap="100">
            <Checkbox
              label={t("mapping.ignore_category", { name: category.name })}
              checked={ignored}
              onChange={(value) =>
                onChange(
                  setAt(
                    mapping,
                    ["inventory", "byCategory", category.id],
                    value ? { ignore: true } : undefined,
                  ),
                )
              }
            />
            {!ignored && (
              <TargetRows
                {...props}
                rows={pair(category.id, category.name, ["inventory", "byCategory", category.id])}
              />
            )}
          </BlockStack>
        );
      })}
      <Text as="h3" variant="headingSm">
        {t("mapping.purchase_orders")}
      </Text>
      <TargetRows {...props} rows={po} />
    </BlockStack>
  );
}

/** Multi-location accounts name each store's class, so one company can tell the locations apart. */
export function ClassesSection(props: SectionProps & { stores: StoreView[] }) {
  const { t } = useI18n();
  const { mapping, onChange, chart, stores } = props;
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        {t("mapping.classes.help")}
      </Text>
      {stores.map((store) => (
        <Box key={store.id} paddingBlock="200" borderBlockEndWidth="025" borderColor="border-secondary">
          <InlineGrid columns={["oneThird", "twoThirds"]} gap="300" alignItems="center">
            <Text as="span">{store.name}</Text>
            <TargetPicker
              label={t("mapping.class_for", { name: store.name })}
              entries={chart.classes}
              placeholder={t("mapping.pick_class")}
              value={mapping.classes[store.posShopId]}
              onChange={(id) => onChange(setAt(mapping, ["classes", store.posShopId], id))}
            />
          </InlineGrid>
        </Box>
      ))}
    </BlockStack>
  );
}
