"""Fees: the fee due comes from the item's fee standard; a payment (amount, method,
receipt number) or a waiver with its reason; totals by day, window, department.

Amounts are integer fen; what people type in yuan is read by
:func:`fee_amount` (:func:`console.core.parsing.parse_yuan`) and shown with
:func:`console.core.parsing.format_yuan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from models import CaseFee, Department, FeeKind, PayMethod, Window

from console.cases.access import _load_case
from console.cases.month_stats import fee_after_close
from console.core.errors import Conflict, Invalid
from console.core.parsing import format_yuan, parse_yuan
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


def fee_amount(text: object, field: str = "amount") -> int:
    """A fee typed in yuan (``"12.5"``) → fen, by :func:`console.core.parsing.parse_yuan`;
    a negative fee is refused in the fee's own words."""
    try:
        return parse_yuan(text, field)
    except Invalid as error:
        if error.key == "errors.negative_amount":
            raise Invalid("case.fee_negative", field=field) from None
        raise


@use_case("fee.record", write=True, audit="case.fee_paid")
def record_payment(ctx: Context, number: str, amount_fen: int, method: str, receipt_no: str,
                   *, at: datetime | None = None) -> CaseFee:
    """Record a payment against the case's fee."""
    case = _load_case(ctx, number, for_update=True)
    if amount_fen < 0:
        raise Invalid("case.fee_negative", field="amount")
    if amount_fen == 0:
        raise Invalid("case.fee_zero", field="amount")
    try:
        pay = PayMethod(method)
    except ValueError:
        raise Invalid("case.fee_method", field="method", value=method,
                      choices=", ".join(m.value for m in PayMethod)) from None
    receipt_no = (receipt_no or "").strip()
    if not receipt_no or len(receipt_no) > 40:
        raise Invalid("case.fee_receipt", field="receipt_no")
    if case.fee_waived:
        raise Conflict("case.fee_already_waived", number=case.number)
    if case.fee_paid_fen + amount_fen > case.fee_due_fen:
        raise Invalid("case.fee_overpaid", field="amount", due=format_yuan(case.fee_due_fen),
                      paid=format_yuan(case.fee_paid_fen))
    at = at or ctx.now()
    actor = ctx.actor
    fee = CaseFee(kind=FeeKind.payment, amount_fen=amount_fen, method=pay, receipt_no=receipt_no, reason="",
                  recorded_at=at, recorded_date=at.date(), staff_id=actor.id or None,
                  window_id=actor.window_id or case.window_id, department_id=case.department_id)
    case.fees.append(fee)
    case.fee_paid_fen += amount_fen
    case.updated_at = at
    fee_after_close(ctx.session, case, amount_fen)
    ctx.audit("case.fee_paid", "case", case.number,
              {"amount_fen": amount_fen, "method": pay.value, "receipt_no": receipt_no})
    return fee


@use_case("fee.record", write=True, audit="case.fee_waived")
def waive_fee(ctx: Context, number: str, reason: str, *, at: datetime | None = None) -> CaseFee:
    """Waive the rest of the fee, with the reason, where the item's fee may be waived (its own flag
    and legal basis, apart from 容缺); the basis is recorded with the waiver."""
    from models import Item

    case = _load_case(ctx, number, for_update=True)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("case.fee_waiver_reason", field="reason")
    item = ctx.session.get(Item, case.item_id)
    if not item.fee_waiver_allowed:
        raise Conflict("law.fee_waiver_not_allowed", code=item.code)
    if case.fee_waived:
        raise Conflict("case.fee_already_waived", number=case.number)
    at = at or ctx.now()
    actor = ctx.actor
    waived = case.fee_due_fen - case.fee_paid_fen
    fee = CaseFee(kind=FeeKind.waiver, amount_fen=waived, method=None, receipt_no="", reason=reason,
                  recorded_at=at, recorded_date=at.date(), staff_id=actor.id or None,
                  window_id=actor.window_id or case.window_id, department_id=case.department_id)
    case.fees.append(fee)
    case.fee_waived = True
    case.updated_at = at
    ctx.audit("case.fee_waived", "case", case.number,
              {"amount_fen": waived, "reason": reason, "basis": item.fee_waiver_basis})
    return fee


@dataclass(frozen=True)
class FeeTotal:
    """Fees of one day, window or department."""

    key: str
    label: str
    payments: int
    paid_fen: int
    waivers: int
    waived_fen: int

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "payments": self.payments,
                "paid": format_yuan(self.paid_fen), "paid_fen": self.paid_fen, "waivers": self.waivers,
                "waived": format_yuan(self.waived_fen), "waived_fen": self.waived_fen}


@use_case("case.read_all")
def fee_totals(ctx: Context, date_from: date, date_to: date, by: str = "day") -> list[FeeTotal]:
    """Payments and waivers recorded between the two dates (inclusive), by day, window or department."""
    session = ctx.session
    if by == "day":
        key_col = CaseFee.recorded_date
    elif by == "window":
        key_col = CaseFee.window_id
    elif by == "department":
        key_col = CaseFee.department_id
    else:
        raise Invalid("case.fee_bad_by", field="by", value=by)
    paid = func.sum(func.coalesce(CaseFee.amount_fen, 0))
    stmt = (select(key_col, CaseFee.kind, func.count(), paid)
            .where(CaseFee.recorded_date >= date_from, CaseFee.recorded_date <= date_to)
            .group_by(key_col, CaseFee.kind))
    totals: dict[object, list[int]] = {}
    for key, kind, count, amount in session.execute(stmt):
        row = totals.setdefault(key, [0, 0, 0, 0])
        if kind is FeeKind.payment:
            row[0] += count
            row[1] += int(amount or 0)
        else:
            row[2] += count
            row[3] += int(amount or 0)
    labels: dict[object, str] = {}
    if by == "window":
        for w in session.scalars(select(Window).where(Window.id.in_([k for k in totals if k]))):
            labels[w.id] = f"{w.site.code}/{w.number} {w.name}"
    elif by == "department":
        labels = {d.id: d.name for d in session.scalars(select(Department).where(Department.id.in_(list(totals))))}
    result = []
    for key in sorted(totals, key=lambda k: (k is None, str(k))):
        p, pf, w, wf = totals[key]
        label = key.isoformat() if by == "day" else labels.get(key, "-")
        result.append(FeeTotal(str(key) if not isinstance(key, date) else key.isoformat(), label, p, pf, w, wf))
    return result
