// What each sandbox merchant sells and how it is paid: categories, items with prices and average costs,
// discounts, payment types, vendors and the sales taxes of the provinces its shops are in.

/** How a line is taxed in Canada: prepared food and drinks pay GST/HST (and QST) but not BC's PST;
 *  basic groceries (coffee beans, bread, whole cakes) are zero-rated; merchandise pays every tax. */
export type TaxClass = "prepared" | "zero_rated" | "general";

export interface CatalogItem {
  itemID: string;
  description: string;
  categoryID: string;
  price: string;
  /** Average unit cost, as the API keeps it (up to 4 decimals). */
  avgCost: string;
  taxClass: TaxClass;
  /** Who the item is bought from, for purchase orders; none for what is made in-house. */
  vendorID?: string;
  /** How often it sells, relative to the other items. */
  weight: number;
}

export interface Province {
  code: "ON" | "QC" | "BC" | "NS";
  name: string;
  timeZone: string;
  /** The TaxCategory of the province's shops. */
  taxCategoryID: string;
  tax1Name: string;
  tax1Rate: string;
  tax2Name: string;
  tax2Rate: string;
  /** Whether tax 2 applies to prepared food and drinks (Quebec's QST does; BC's PST does not). */
  tax2OnPrepared: boolean;
}

export const PROVINCES: readonly Province[] = [
  {
    code: "ON",
    name: "Ontario",
    timeZone: "America/Toronto",
    taxCategoryID: "1",
    tax1Name: "HST",
    tax1Rate: "0.13",
    tax2Name: "",
    tax2Rate: "0",
    tax2OnPrepared: false,
  },
  {
    code: "QC",
    name: "Quebec",
    timeZone: "America/Toronto",
    taxCategoryID: "2",
    tax1Name: "GST",
    tax1Rate: "0.05",
    tax2Name: "QST",
    tax2Rate: "0.09975",
    tax2OnPrepared: true,
  },
  {
    code: "BC",
    name: "British Columbia",
    timeZone: "America/Vancouver",
    taxCategoryID: "3",
    tax1Name: "GST",
    tax1Rate: "0.05",
    tax2Name: "PST",
    tax2Rate: "0.07",
    tax2OnPrepared: false,
  },
  {
    code: "NS",
    name: "Nova Scotia",
    timeZone: "America/Halifax",
    taxCategoryID: "4",
    tax1Name: "HST",
    tax1Rate: "0.14",
    tax2Name: "",
    tax2Rate: "0",
    tax2OnPrepared: false,
  },
];

export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((province) => province.code === code);
}

export interface PaymentTypeEntry {
  paymentTypeID: string;
  name: string;
  /** The API's reserved type. */
  type: "cash" | "credit card" | "gift card" | "credit account";
}

export const PAYMENT_TYPES: readonly PaymentTypeEntry[] = [
  { paymentTypeID: "1", name: "Cash", type: "cash" },
  { paymentTypeID: "2", name: "Visa", type: "credit card" },
  { paymentTypeID: "3", name: "Mastercard", type: "credit card" },
  { paymentTypeID: "4", name: "American Express", type: "credit card" },
  { paymentTypeID: "5", name: "Debit", type: "credit card" },
  { paymentTypeID: "6", name: "Gift Card", type: "gift card" },
  { paymentTypeID: "7", name: "Store Account", type: "credit account" },
];

export const PAYMENT = {
  cash: "1",
  visa: "2",
  mastercard: "3",
  amex: "4",
  debit: "5",
  giftCard: "6",
  account: "7",
};

export interface DiscountEntry {
  discountID: string;
  name: string;
  /** A rate ("0.5") or a fixed amount ("2"): the API has one or the other. */
  percent?: string;
  amount?: string;
}

export interface Catalog {
  categories: { categoryID: string; name: string }[];
  items: CatalogItem[];
  discounts: DiscountEntry[];
  vendors: { vendorID: string; name: string }[];
  /** The province of each shop of the roster (new locations say theirs). */
  shopProvinces: Record<string, Province["code"]>;
}

const item = (
  itemID: string,
  description: string,
  categoryID: string,
  price: string,
  avgCost: string,
  taxClass: TaxClass,
  weight: number,
  vendorID?: string,
): CatalogItem => ({
  itemID,
  description,
  categoryID,
  price,
  avgCost,
  taxClass,
  weight,
  ...(vendorID && { vendorID }),
});

const DEMO_COFFEE: Catalog = {
  categories: [
    { categoryID: "1", name: "Espresso drinks" },
    { categoryID: "2", name: "Brewed coffee & tea" },
    { categoryID: "3", name: "Pastries" },
    { categoryID: "4", name: "Sandwiches" },
    { categoryID: "5", name: "Coffee beans" },
    { categoryID: "6", name: "Merchandise" },
  ],
  items: [
    item("1", "Espresso", "1", "3.25", "0.45", "prepared", 6),
    item("2", "Cappuccino", "1", "4.75", "0.85", "prepared", 10),
    item("3", "Latte", "1", "5.25", "0.95", "prepared", 14),
    item("4", "Flat white", "1", "5.00", "0.90", "prepared", 7),
    item("5", "Mocha", "1", "5.75", "1.10", "prepared", 5),
    item("6", "Drip coffee", "2", "2.95", "0.35", "prepared", 14),
    item("7", "Cold brew", "2", "4.50", "0.60", "prepared", 6),
    item("8", "Chai latte", "2", "5.25", "0.95", "prepared", 5),
    item("9", "Loose-leaf tea", "2", "3.50", "0.40", "prepared", 4),
    item("10", "Butter croissant", "3", "3.75", "1.05", "prepared", 8, "2"),
    item("11", "Almond croissant", "3", "4.50", "1.40", "prepared", 5, "2"),
    item("12", "Blueberry muffin", "3", "3.50", "0.95", "prepared", 6, "2"),
    item("13", "Cinnamon bun", "3", "4.25", "1.20", "prepared", 4, "2"),
    item("14", "Turkey club sandwich", "4", "9.95", "3.80", "prepared", 4, "2"),
    item("15", "Avocado toast", "4", "8.50", "2.9000", "prepared", 3),
    item("16", "House blend beans 340 g", "5", "16.95", "7.4250", "zero_rated", 2, "1"),
    item("17", "Single origin beans 340 g", "5", "21.50", "9.8125", "zero_rated", 1, "1"),
    item("18", "Ceramic mug", "6", "18.00", "6.5000", "general", 1, "4"),
    item("19", "Reusable cup", "6", "14.00", "4.2575", "general", 1, "4"),
  ],
  discounts: [
    { discountID: "1", name: "Staff discount", percent: "0.5" },
    { discountID: "2", name: "Loyalty reward", amount: "2" },
    { discountID: "3", name: "Morning combo", percent: "0.1" },
  ],
  vendors: [
    { vendorID: "1", name: "Pilot Coffee Roasters" },
    { vendorID: "2", name: "Fresh Bakes Wholesale" },
    { vendorID: "3", name: "Dairy Direct" },
    { vendorID: "4", name: "Cup & Lid Supply" },
  ],
  shopProvinces: { "1": "ON", "2": "QC", "3": "BC" },
};

const MAPLE_BAKERY: Catalog = {
  categories: [
    { categoryID: "1", name: "Breads" },
    { categoryID: "2", name: "Pastries" },
    { categoryID: "3", name: "Cakes" },
    { categoryID: "4", name: "Coffee & tea" },
  ],
  items: [
    item("1", "Sourdough loaf", "1", "7.50", "2.1000", "zero_rated", 8, "1"),
    item("2", "Baguette", "1", "3.75", "0.9500", "zero_rated", 8, "1"),
    item("3", "Croissant", "2", "3.50", "0.9000", "prepared", 10),
    item("4", "Danish", "2", "3.95", "1.1000", "prepared", 6),
    item("5", "Carrot cake slice", "3", "5.25", "1.6000", "prepared", 5),
    item("6", "Whole chocolate cake", "3", "34.00", "11.2500", "zero_rated", 1),
    item("7", "Coffee", "4", "2.75", "0.3500", "prepared", 10, "2"),
    item("8", "Tea", "4", "2.50", "0.3000", "prepared", 4, "2"),
  ],
  discounts: [
    { discountID: "1", name: "Day-old bread", percent: "0.5" },
    { discountID: "2", name: "Loyalty reward", amount: "2" },
  ],
  vendors: [
    { vendorID: "1", name: "Atlantic Flour Mills" },
    { vendorID: "2", name: "Harbour Coffee Co." },
  ],
  shopProvinces: { "1": "NS" },
};

const CATALOGS: Record<string, Catalog> = { "1001": DEMO_COFFEE, "2002": MAPLE_BAKERY };

export function catalogOf(accountID: string): Catalog | undefined {
  return CATALOGS[accountID];
}
