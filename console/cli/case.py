"""``hall case``: accept, show, list, overdue, lifecycle steps, fees, import, export.

Every command acts ``--as`` a logged-in staff member: reading commands need the
permission of their use case like changing ones do (``case.process`` to see the
cases of one's departments, ``case.read_all`` for all, ``case.supervise`` for the
overdue board); nothing is printed for someone who may not read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, run, show as show_result
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

REVEAL = typer.Option(False, "--reveal", help="Show the applicants' full ID numbers and phones (needs a role that may; "
                                              "audited, one event a case).")


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
    joint: bool = typer.Option(False, "--joint", help="Handled jointly by several departments (one clock, at most 45 working days)."),
    joint_days: Optional[int] = typer.Option(None, "--joint-days", help="The joint case's promised working days (at most 45)."),
    ticket: Optional[str] = typer.Option(None, "--ticket", help="The served queue ticket of this visit (its number, e.g. A003)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Accept an application as a case (the intake screen's rules exactly)."""
    from console.cases.intake import Applicant, IntakeForm, WaiverInput
    from console.cases.intake import accept as do_accept
    from console.core.parsing import format_yuan, parse_optional_date, parse_positions

    form = IntakeForm(item_code=item, received=parse_positions(received, "materials"), applicant=Applicant(
        kind="organization" if org else "person", name=name, id_no=id_no, phone=phone,
        legal_rep=legal_rep, contact=contact))
    waiver = None
    if commitment is not None:
        waiver = WaiverInput(commitment, parse_optional_date(waiver_deadline, "waiver.deadline"))
    report(do_accept, form, waiver=waiver, intake_id=draft, all_received=all_received, joint=joint,
           joint_days=joint_days, ticket=ticket, text=lambda r: t(
        "case.accepted", number=r.number, due=r.due_date.isoformat(), fee=format_yuan(r.fee_due_fen)))


def _view_table(view):
    rows = [[k, v if not isinstance(v, list) else "; ".join(str(x) for x in v)] for k, v in view.as_dict().items()]
    return [t("case.col_field"), t("case.col_value")], rows, view.number


@app.command("show")
def show(
    number: str = typer.Argument(..., metavar="NO", help="Case number."),
    receipt: Optional[str] = typer.Option(None, "--receipt", help="Print the acceptance receipt: text or html."),
    reveal: bool = REVEAL,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one case (the applicant's ID and phone masked; --reveal shows them, audited)."""
    from console.cases.access import get_case

    if receipt:
        from console.cases.documents import receipt as render

        typer.echo(run(render, number, receipt), nl=False)
        return
    view = run(get_case, number)
    if reveal:
        from console.cases.reveal import reveal_cases, with_revealed

        view = with_revealed(view, run(reveal_cases, view.number)[0])
    from console.cli.common import STATE

    if STATE.format in (None, "table") and not STATE.json and not STATE.output:  # a person reads it
        from console.cases.case_text import case_text

        typer.echo(case_text(view), nl=False)
        return
    show_result(view, table=_view_table)


def _summary_rows(cases) -> list[list]:
    return [[c.number, f"{c.item_code} {c.item_name}", c.department, c.window, c.applicant, c.applicant_id,
             t(f"intake_ui.status.{c.status}"), c.accepted_at.isoformat(sep=" "),
             c.due_date.isoformat() + (t("law.provisional_short") if c.due_provisional else ""),
             t(f"case.warning_{c.warning}")]
            for c in cases]


_COLUMNS = ("case.col_number", "case.col_item", "case.col_department", "case.col_window", "case.col_applicant",
            "case.col_applicant_id", "case.col_status", "case.col_accepted", "case.col_due", "case.col_warning")


@app.command("list")
def list_(
    scope: str = typer.Option("all", "--scope", help="mine (accepted by you), window (at your window) or all you may see."),
    status: Optional[str] = typer.Option(None, "--status", help="Only cases in this status."),
    overdue: bool = typer.Option(False, "--overdue", help="Only open cases past their due date."),
    limit: int = typer.Option(500, "--limit", help="At most this many cases."),
    reveal: bool = REVEAL,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List cases, newest first (applicants' IDs masked; --reveal shows them, audited)."""
    from console.cases.access import list_cases

    cases = run(list_cases, scope=scope, status=status, overdue=overdue, limit=limit)
    if reveal and cases:
        from console.cases.reveal import reveal_cases, with_revealed

        revealed = {r.key: r for r in run(reveal_cases, [c.number for c in cases])}
        cases = [with_revealed(c, revealed[c.number]) for c in cases]
    show_result(cases, table=lambda rows: ([t(c) for c in _COLUMNS], _summary_rows(rows)))


@app.command("overdue")
def overdue(
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """At-risk (yellow: last working day) and overdue (red) open cases."""
    from console.cases.reports import supervision_board

    board = report(supervision_board, json=lambda board: [c.as_dict() for c in board.cases], table=lambda board: (
        [t("case.col_warning"), t("case.col_number"), t("case.col_due"), t("case.col_department"),
         t("case.col_window"), t("case.col_item"), t("case.col_applicant")],
        [[t(f"case.warning_{c.level}"), c.number, c.due_date.isoformat(), c.department, c.window,
          c.item, c.applicant] for c in board.cases],
        t("case.overdue_title", today=board.today.isoformat())))
    if board is not None and board.calendar_missing:
        typer.echo(t("law.next_year_missing", year=board.calendar_missing), err=True)
    if board is not None and board.deemed_receipts:
        typer.echo(t("law.board_deemed", count=board.deemed_receipts), err=True)


def _step(fn, number: str, *args, **kwargs) -> None:
    """Run one lifecycle step on case ``number`` and say where the case stands."""
    report(fn, number, *args, **kwargs, text=lambda case: t(
        "case.lifecycle_done", number=number, status=t(f"intake_ui.status.{case.status.value}"), due=case.due_date.isoformat()))


@app.command("review")
def review(number: str = typer.Argument(..., metavar="NO"), as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION) -> None:
    """Start the review of an accepted case."""
    from console.cases.lifecycle import start_review

    _step(start_review, number)


@app.command("decide")
def decide(
    number: str = typer.Argument(..., metavar="NO"),
    decision: str = typer.Option(..., "--decision", help="approved or not_approved."),
    document_no: str = typer.Option(..., "--doc-no", help="Decision document number."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Record the decision and its document number."""
    from console.cases.lifecycle import decide as do

    _step(do, number, decision, document_no)


@app.command("complete")
def complete(number: str = typer.Argument(..., metavar="NO"), as_: Optional[str] = AS_OPTION,
             db: Optional[str] = DB_OPTION) -> None:
    """Complete a decided case (办结)."""
    from console.cases.lifecycle import complete as do

    _step(do, number)


@app.command("suspend")
def suspend(
    number: str = typer.Argument(..., metavar="NO"),
    reason: str = typer.Option("", "--reason", help="hearing, tendering, auction, inspection, testing, quarantine, appraisal, expert_review, supplement or public_notice."),
    note: str = typer.Option("", "--note", help="A note."),
    on: Optional[str] = typer.Option(None, "--on", help="The day the clock stopped (YYYY-MM-DD; default today)."),
    notice: Optional[str] = typer.Option(None, "--notice", help="Also print the written notice to the applicant: text or html."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Stop the clock for a reason the law allows (§45), and tell the applicant in writing."""
    from console.cases.clock_notices import suspension_notice
    from console.cases.lifecycle import suspend as do
    from console.core.parsing import parse_optional_date

    _step(do, number, reason, note, on=parse_optional_date(on, "on"))
    if notice:
        typer.echo(run(suspension_notice, number, notice), nl=False)


@app.command("resume")
def resume(
    number: str = typer.Argument(..., metavar="NO"),
    on: Optional[str] = typer.Option(None, "--on", help="The day the clock restarted (YYYY-MM-DD; default today)."),
    notice: Optional[str] = typer.Option(None, "--notice", help="Also print the written notice to the applicant: text or html."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Restart the clock; the due date moves, and the applicant is told in writing."""
    from console.cases.clock_notices import resumption_notice
    from console.cases.lifecycle import resume as do
    from console.core.parsing import parse_optional_date

    _step(do, number, on=parse_optional_date(on, "on"))
    if notice:
        typer.echo(run(resumption_notice, number, notice), nl=False)


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

    _step(do, number, days, approved_by, reason)


@app.command("withdraw")
def withdraw(number: str = typer.Argument(..., metavar="NO"),
             reason: str = typer.Option("", "--reason", help="Why."),
             as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """The applicant withdraws the case."""
    from console.cases.lifecycle import withdraw as do

    _step(do, number, reason)


def _fee_text(number: str):
    from console.core.parsing import format_yuan

    return lambda fee: t("case.fee_recorded", number=number, paid=format_yuan(fee.case.fee_paid_fen),
                         due=format_yuan(fee.case.fee_due_fen))


@app.command("pay")
def pay(
    number: str = typer.Argument(..., metavar="NO"),
    amount: str = typer.Argument(..., help="Amount in yuan, e.g. 100 or 12.50."),
    method: str = typer.Option("cash", "--method", help="cash, card, transfer or other."),
    receipt_no: str = typer.Option(..., "--receipt", help="Receipt number."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
) -> None:
    """Record a fee payment."""
    from console.cases.fees import fee_amount, record_payment

    report(record_payment, number, fee_amount(amount), method, receipt_no, text=_fee_text(number))


@app.command("waive-fee")
def waive_fee(number: str = typer.Argument(..., metavar="NO"),
              reason: str = typer.Option("", "--reason", help="Why the fee is waived."),
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Waive the rest of the fee, with the reason."""
    from console.cases.fees import waive_fee as do

    report(do, number, reason, text=_fee_text(number))


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

    from console.core.text import decode_import

    try:
        content = decode_import(file.read_bytes())
    except OSError as error:
        raise Invalid("case.file_unreadable", field="file", path=str(file), detail=str(error)) from None
    if content is None:
        raise Invalid("case.file_unreadable", field="file", path=str(file), detail="neither UTF-8 nor GBK")
    from console.cli.progress import reporting

    with reporting():
        report(import_cases, content, text=lambda result: t("case.imported", count=result.cases))


@app.command("export")
def export(
    date_from: str = typer.Option(..., "--from", help="First acceptance day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last acceptance day (YYYY-MM-DD)."),
    fmt: str = typer.Option("csv", "--format", help="csv, xlsx or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE (default: standard output)."),
    reveal: bool = typer.Option(False, "--reveal", help="Export the applicants' full ID numbers and phones (needs a "
                                                        "role that may; audited, one event for the export)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the cases accepted in a period, streamed (IDs and phones masked; --reveal: in full, audited)."""
    import sys

    from console.cases.export_file import stream_export, write_export
    from console.cli.progress import progress_bar
    from console.core.errors import Invalid
    from console.core.parsing import parse_date

    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    if fmt == "xlsx" and output is None:
        raise Invalid("case.xlsx_needs_file", field="output")
    target = sys.stdout if output is None else output

    def sink(total, rows):
        with progress_bar(t("ops.progress.export"), total) as advance:
            return write_export(total, rows, fmt, target, progress=advance)

    revealed = None
    if reveal:
        from console.cases.reveal import reveal_export

        revealed = run(reveal_export, a, b)  # refused, or audited, before a row is read
    count = run(stream_export, a, b, sink, revealed=revealed)
    if output is not None:
        typer.echo(t("case.exported", count=count, path=str(output)), err=True)


@app.command("supply")
def supply(number: str = typer.Argument(..., metavar="NO"),
           received: str = typer.Option(..., "--received", help="Positions of the materials brought, e.g. 2,3."),
           as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Record materials brought after a waiver acceptance."""
    from console.cases.lifecycle import supply_materials
    from console.core.parsing import parse_positions

    _step(supply_materials, number, parse_positions(received, "materials"))


@app.command("end-lapsed")
def end_lapsed(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION,
               as_json: bool = JSON_OPTION) -> None:
    """End every waiver case whose missing materials did not come by their deadline."""
    from console.cases.lifecycle import end_lapsed_waivers

    report(end_lapsed_waivers, text=lambda ended: t("case.lapsed_ended", count=len(ended),
                                                     numbers=", ".join(ended) or "-"))


from console.cli import case_law  # noqa: E402 - the law's commands join this group

app.add_typer(case_law.app)
