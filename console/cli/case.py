"""``hall case``: accept, show, list, overdue, lifecycle steps, fees, import, export."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import (
    AS_OPTION,
    DB_OPTION,
    JSON_OPTION,
    acting_staff,
    database,
    emit_json,
    emit_table,
    reader,
    use_db,
)
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def _positions(text: str) -> tuple[int, ...]:
    from console.core.errors import Invalid

    out = []
    for part in (text or "").replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise Invalid("case.unknown_material", field="materials", positions=part)
        out.append(int(part))
    return tuple(out)


@app.command("accept")
def accept(
    item: str = typer.Argument(..., help="Item code."),
    name: str = typer.Option(..., "--name", help="Applicant: person's or organization's name."),
    id_no: str = typer.Option("", "--id", help="Resident ID number (person) or unified social credit code (--org)."),
    phone: str = typer.Option("", "--phone", help="Phone number."),
    org: bool = typer.Option(False, "--org", help="The applicant is an organization."),
    legal_rep: str = typer.Option("", "--legal-rep", help="Legal representative (organization)."),
    contact: str = typer.Option("", "--contact", help="Contact person (organization)."),
    received: str = typer.Option("", "--received", help="Positions of the materials received, e.g. 1,2,3."),
    all_received: bool = typer.Option(False, "--all", help="Every material of the item was received."),
    commitment: Optional[str] = typer.Option(None, "--waiver", help="Accept with a waiver: the applicant's commitment."),
    waiver_deadline: Optional[str] = typer.Option(None, "--waiver-deadline", help="Deadline for missing materials (YYYY-MM-DD)."),
    draft: Optional[int] = typer.Option(None, "--draft", help="Accept from this kept draft or deficiency notice."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Accept an application as a case (the intake screen's rules exactly)."""
    from console.cases.intake import Applicant, IntakeForm, WaiverInput
    from console.cases.intake import accept as do_accept
    from console.catalog.browse import fen_to_yuan, get_item
    from console.calendar.workdays import parse_date

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        positions = _positions(received)
        if all_received:
            positions = tuple(m.position for m in get_item(s, actor, item).materials)
        form = IntakeForm(item_code=item, received=positions, applicant=Applicant(
            kind="organization" if org else "person", name=name, id_no=id_no, phone=phone,
            legal_rep=legal_rep, contact=contact))
        waiver = None
        if commitment is not None:
            waiver = WaiverInput(commitment, parse_date(waiver_deadline, "waiver.deadline") if waiver_deadline else None)
        result = do_accept(s, actor, form, waiver=waiver, intake_id=draft)
    if as_json:
        emit_json({"number": result.number, "accepted_at": result.accepted_at.isoformat(sep=" "),
                   "due_date": result.due_date.isoformat(), "fee_due": fen_to_yuan(result.fee_due_fen),
                   "waiver_deadline": result.waiver_deadline.isoformat() if result.waiver_deadline else None,
                   "missing": list(result.missing)})
        return
    typer.echo(t("case.accepted", number=result.number, due=result.due_date.isoformat(),
                 fee=fen_to_yuan(result.fee_due_fen)))


@app.command("show")
def show(
    number: str = typer.Argument(..., metavar="NO", help="Case number."),
    receipt: Optional[str] = typer.Option(None, "--receipt", help="Print the acceptance receipt: text or html."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one case (personal numbers masked unless your role may see them)."""
    from console.cases.access import get_case

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        if receipt:
            from console.cases.documents import receipt as render

            typer.echo(render(s, actor, number, receipt), nl=False)
            return
        view = get_case(s, actor, number)
    data = view.as_dict()
    if as_json:
        emit_json(data)
        return
    rows = [[k, v if not isinstance(v, list) else "; ".join(str(x) for x in v)] for k, v in data.items()]
    emit_table([t("case.col_field"), t("case.col_value")], rows, title=view.number)


def _summary_rows(cases) -> list[list]:
    return [[c.number, f"{c.item_code} {c.item_name}", c.department, c.window, c.applicant, c.applicant_id,
             c.status, c.accepted_at.isoformat(sep=" "), c.due_date.isoformat(), t(f"case.warning_{c.warning}")]
            for c in cases]


_COLUMNS = ("case.col_number", "case.col_item", "case.col_department", "case.col_window", "case.col_applicant",
            "case.col_applicant_id", "case.col_status", "case.col_accepted", "case.col_due", "case.col_warning")


@app.command("list")
def list_(
    status: Optional[str] = typer.Option(None, "--status", help="Only cases in this status."),
    overdue: bool = typer.Option(False, "--overdue", help="Only open cases past their due date."),
    limit: int = typer.Option(500, "--limit", help="At most this many cases."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List cases, newest first."""
    from console.cases.access import list_cases

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        cases = list_cases(s, actor, status=status, overdue=overdue, limit=limit)
    if as_json:
        emit_json([c.as_dict() for c in cases])
        return
    emit_table([t(c) for c in _COLUMNS], _summary_rows(cases))


@app.command("overdue")
def overdue(
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """At-risk (yellow: last working day) and overdue (red) open cases."""
    from console.cases.reports import supervision_board

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        board = supervision_board(s, actor)
    if as_json:
        emit_json([c.as_dict() for c in board.cases])
        return
    emit_table([t("case.col_warning"), t("case.col_number"), t("case.col_due"), t("case.col_department"),
                t("case.col_window"), t("case.col_item"), t("case.col_applicant")],
               [[t(f"case.warning_{c.level}"), c.number, c.due_date.isoformat(), c.department, c.window,
                 c.item, c.applicant] for c in board.cases],
               title=t("case.overdue_title", today=board.today.isoformat()))


def _step(number: str, as_: Optional[str], fn, *args, **kwargs) -> None:
    actor = acting_staff(as_)
    with database().write() as s:
        case = fn(s, actor, number, *args, **kwargs)
        status, due = case.status.value, case.due_date.isoformat()
    typer.echo(t("case.lifecycle_done", number=number, status=status, due=due))


@app.command("review")
def review(number: str = typer.Argument(..., metavar="NO"), as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION) -> None:
    """Start the review of an accepted case."""
    from console.cases.lifecycle import start_review

    use_db(db)
    _step(number, as_, start_review)


@app.command("decide")
def decide(
    number: str = typer.Argument(..., metavar="NO"),
    decision: str = typer.Option(..., "--decision", help="approved or not_approved."),
    document_no: str = typer.Option(..., "--doc-no", help="Decision document number."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Record the decision and its document number."""
    from console.cases.lifecycle import decide as do

    use_db(db)
    _step(number, as_, do, decision, document_no)


@app.command("complete")
def complete(number: str = typer.Argument(..., metavar="NO"), as_: Optional[str] = AS_OPTION,
             db: Optional[str] = DB_OPTION) -> None:
    """Complete a decided case (办结)."""
    from console.cases.lifecycle import complete as do

    use_db(db)
    _step(number, as_, do)


@app.command("suspend")
def suspend(
    number: str = typer.Argument(..., metavar="NO"),
    reason: str = typer.Option("", "--reason", help="supplement, hearing, testing, expert_review or public_notice."),
    note: str = typer.Option("", "--note", help="A note."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Stop the clock for a reason the law allows."""
    from console.cases.lifecycle import suspend as do

    use_db(db)
    _step(number, as_, do, reason, note)


@app.command("resume")
def resume(number: str = typer.Argument(..., metavar="NO"), as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION) -> None:
    """Restart the clock; the due date moves."""
    from console.cases.lifecycle import resume as do

    use_db(db)
    _step(number, as_, do)


@app.command("extend")
def extend(
    number: str = typer.Argument(..., metavar="NO"),
    days: int = typer.Argument(..., help="Extra working days."),
    approved_by: str = typer.Option(..., "--approved-by", help="Who approved the extension."),
    reason: str = typer.Option("", "--reason", help="Why."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Extend the promise, recording who approved."""
    from console.cases.lifecycle import extend as do

    use_db(db)
    _step(number, as_, do, days, approved_by, reason)


@app.command("withdraw")
def withdraw(number: str = typer.Argument(..., metavar="NO"),
             reason: str = typer.Option("", "--reason", help="Why."),
             as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """The applicant withdraws the case."""
    from console.cases.lifecycle import withdraw as do

    use_db(db)
    _step(number, as_, do, reason)


@app.command("pay")
def pay(
    number: str = typer.Argument(..., metavar="NO"),
    amount: str = typer.Argument(..., help="Amount in yuan, e.g. 100 or 12.50."),
    method: str = typer.Option("cash", "--method", help="cash, card, transfer or other."),
    receipt_no: str = typer.Option(..., "--receipt", help="Receipt number."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Record a fee payment."""
    from console.cases.fees import parse_yuan, record_payment
    from console.catalog.browse import fen_to_yuan

    use_db(db)
    fen = parse_yuan(amount)
    actor = acting_staff(as_)
    with database().write() as s:
        fee = record_payment(s, actor, number, fen, method, receipt_no)
        paid, due = fee.case.fee_paid_fen, fee.case.fee_due_fen
    typer.echo(t("case.fee_recorded", number=number, paid=fen_to_yuan(paid), due=fen_to_yuan(due)))


@app.command("waive-fee")
def waive_fee(number: str = typer.Argument(..., metavar="NO"),
              reason: str = typer.Option("", "--reason", help="Why the fee is waived."),
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Waive the rest of the fee, with the reason."""
    from console.cases.fees import waive_fee as do
    from console.catalog.browse import fen_to_yuan

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        fee = do(s, actor, number, reason)
        paid, due = fee.case.fee_paid_fen, fee.case.fee_due_fen
    typer.echo(t("case.fee_recorded", number=number, paid=fen_to_yuan(paid), due=fen_to_yuan(due)))


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="CSV of historical cases with a header row."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import historical cases (all or nothing; errors by row and column)."""
    from console.cases.files import import_cases
    from console.core.errors import Invalid

    use_db(db)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise Invalid("case.file_unreadable", field="file", path=str(file), detail=str(error)) from None
    actor = acting_staff(as_)
    with database().write() as s:
        result = import_cases(s, actor, text)
    if as_json:
        emit_json(result.as_dict())
        return
    typer.echo(t("case.imported", count=result.cases))


@app.command("export")
def export(
    date_from: str = typer.Option(..., "--from", help="First acceptance day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last acceptance day (YYYY-MM-DD)."),
    fmt: str = typer.Option("csv", "--format", help="csv, xlsx or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE (default: standard output)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the cases accepted in a period."""
    import sys

    from console.cases.files import export_rows, write_export
    from console.core.errors import Invalid
    from console.calendar.workdays import parse_date

    use_db(db)
    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    if fmt == "xlsx" and output is None:
        raise Invalid("case.xlsx_needs_file", field="output")
    actor = reader(as_)
    with database().read() as s:
        rows = export_rows(s, actor, a, b)
    if output is None:
        write_export(rows, fmt, sys.stdout)
    else:
        write_export(rows, fmt, output)
        typer.echo(t("case.exported", count=len(rows), path=str(output)), err=True)


@app.command("supply")
def supply(number: str = typer.Argument(..., metavar="NO"),
           received: str = typer.Option(..., "--received", help="Positions of the materials brought, e.g. 2,3."),
           as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Record materials brought after a waiver acceptance."""
    from console.cases.lifecycle import supply_materials

    use_db(db)
    _step(number, as_, supply_materials, _positions(received))


@app.command("end-lapsed")
def end_lapsed(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
               as_json: bool = JSON_OPTION) -> None:
    """End every waiver case whose missing materials did not come by their deadline."""
    from console.cases.lifecycle import end_lapsed_waivers

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        ended = end_lapsed_waivers(s, actor)
    if as_json:
        emit_json(ended)
        return
    typer.echo(t("case.lapsed_ended", count=len(ended), numbers=", ".join(ended) or "-"))
