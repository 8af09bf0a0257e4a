// Records as the Lightspeed API writes them: every scalar a string, relations as nested records (one) or
// lists (many). api.ts turns the lists into the API's wrapped, sometimes-an-object shape.

export type WireValue = string | WireRecord | WireRecord[];
export interface WireRecord {
  [field: string]: WireValue;
}

export interface SaleLineRecord extends WireRecord {
  saleLineID: string;
  itemID: string;
  unitQuantity: string;
  calcSubtotal: string;
}

export interface SaleAccountRecord extends WireRecord {
  creditAccountID: string;
  saleLineID: string;
}

export interface SalePaymentRecord extends WireRecord {
  salePaymentID: string;
  amount: string;
  tipAmount: string;
  paymentTypeID: string;
  registerID: string;
  SaleAccounts: SaleAccountRecord[];
}

export interface SaleRecord extends WireRecord {
  saleID: string;
  shopID: string;
  registerID: string;
  completeTime: string;
  voided: string;
  updatetime: string;
  timeStamp: string;
  total: string;
  SaleLines: SaleLineRecord[];
  SalePayments: SalePaymentRecord[];
}

export interface RegisterWithdrawRecord extends WireRecord {
  registerWithdrawID: string;
  registerID: string;
  amount: string;
  createTime: string;
  notes: string;
  paymentTypeID: string;
}

export interface RegisterCountAmountRecord extends WireRecord {
  calculated: string;
  actual: string;
  paymentTypeID: string;
}

export interface RegisterCountRecord extends WireRecord {
  registerCountID: string;
  registerID: string;
  openTime: string;
  createTime: string;
  RegisterCountAmounts: RegisterCountAmountRecord[];
}

export interface OrderRecord extends WireRecord {
  orderID: string;
  shopID: string;
  vendorID: string;
  receivedDate: string;
  OrderLines: WireRecord[];
}
