// The cash drawer: each register's payouts, paid-ins and over/short, and the day's deposit:
//   expected  = opening float + cash payments + paid-ins - payouts      (per register)
//   overShort = counted - expected                                      (per register, when counted)
//   deposit   = day's cash payments - payouts + paid-ins + overShort    (a negative deposit: Cash in Drawer)
import { Decimal as D, type Decimal, sum, ZERO } from "../money";
import type { EngineContext } from "./context";
import type { PostingBook } from "./postings";

export interface RegisterFigures {
  payouts: Decimal;
  paidIns: Decimal;
  expected: Decimal;
  overShort: Decimal;
}

export function registerFigures(register: EngineContext["day"]["registers"][number]): RegisterFigures {
  const payouts = sum(register.payouts.map((payout) => new D(payout.amount)));
  const paidIns = sum(register.paidIns.map((paidIn) => new D(paidIn)));
  const expected = new D(register.openingFloat).plus(register.cashPayments).plus(paidIns).minus(payouts);
  const overShort = register.counted === undefined ? ZERO : new D(register.counted).minus(expected);
  return { payouts, paidIns, expected, overShort };
}

/** Books each register's movements into `book` and returns the change they make to the deposit. */
export function bookRegisters(ctx: EngineContext, book: PostingBook): Decimal {
  const { cashDrawer } = ctx.mapping;
  let depositChange = ZERO;
  for (const register of ctx.day.registers) {
    const { payouts, paidIns, overShort } = registerFigures(register);
    const name = { register: register.name };
    const source = `register:${register.id}`;
    book.add("cash_drawer", `${source}:payouts`, ctx.t("line.payouts", name), cashDrawer.payouts, payouts);
    if (!paidIns.isZero()) {
      if (cashDrawer.paidIns)
        book.add(
          "cash_drawer",
          `${source}:paid_ins`,
          ctx.t("line.paid_ins", name),
          cashDrawer.paidIns,
          paidIns.negated(),
        );
      else
        ctx.problems.add({
          code: "unmapped_paid_ins",
          severity: "hold",
          section: "cash_drawer",
          subject: { id: register.id, name: register.name },
        });
    }
    // Over: more cash than expected, a credit; short: a debit.
    book.add(
      "cash_drawer",
      `${source}:over_short`,
      ctx.t("line.over_short", name),
      cashDrawer.overShort,
      overShort.negated(),
    );
    depositChange = depositChange.plus(paidIns).minus(payouts).plus(overShort);
  }
  return depositChange;
}

/** Books the deposit of `deposit` when `alreadyDeposited` of it is booked elsewhere (a receipt's cash
 *  payments). A negative deposit empties the deposit account and lands in Cash in Drawer. */
export function bookDeposit(
  ctx: EngineContext,
  book: PostingBook,
  deposit: Decimal,
  alreadyDeposited: Decimal,
): void {
  const { cashDrawer } = ctx.mapping;
  if (deposit.isNegative()) {
    book.add(
      "cash_drawer",
      "deposit",
      ctx.t("line.cash_deposit"),
      cashDrawer.deposit,
      alreadyDeposited.negated(),
    );
    book.add("cash_drawer", "cash_in_drawer", ctx.t("line.cash_in_drawer"), cashDrawer.cashInDrawer, deposit);
  } else {
    book.add(
      "cash_drawer",
      "deposit",
      ctx.t("line.cash_deposit"),
      cashDrawer.deposit,
      deposit.minus(alreadyDeposited),
    );
  }
}
