"""``hall case`` commands of the law's rules: receipt (收件), deficiency notice (一次性告知),
refusal (不予受理), pending receipts; merged into the ``case`` group."""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, run
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

NAME_OPTION = typer.Option(..., "--name", help="Applicant: person's or organization's name.")
ID_OPTION = typer.Option("", "--id", help="Resident ID number (person) or unified social credit code (--org).")
PHONE_OPTION = typer.Option("", "--phone", help="Phone number.")
ORG_OPTION = typer.Option(False, "--org", help="The applicant is an organization.")
RECEIVED_OPTION = typer.Option("", "--received", help="Positions of the materials received, e.g. 1,2,3.")
DRAFT_OPTION = typer.Option(None, "--draft", help="Continue this kept receipt, draft or notice (its id).")
DOC_OPTION = typer.Option(None, "--doc", help="Also print the document: text or html.")


def build_form(item: str, name: str, id_no: str, phone: str, org: bool, received: str):
    """The intake form of the command line's options."""
    from console.cases.intake import Applicant, IntakeForm
    from console.core.parsing import parse_positions

    return IntakeForm(item_code=item, received=parse_positions(received, "materials"), applicant=Applicant(
        kind="organization" if org else "person", name=name, id_no=id_no, phone=phone))


@app.command("receive")
def receive(
    item: str = typer.Argument(..., help="Item code."),
    name: str = NAME_OPTION, id_no: str = ID_OPTION, phone: str = PHONE_OPTION, org: bool = ORG_OPTION,
    received: str = RECEIVED_OPTION, draft: Optional[int] = DRAFT_OPTION,
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Record the materials received (收件): the 5-working-day deficiency-notice limit starts."""
    from console.cases.receipt import receive as do

    report(do, build_form(item, name, id_no, phone, org, received), intake_id=draft, text=lambda r: t(
        "law.received", id=r.intake_id, at=r.received_at.isoformat(sep=" "), by=r.notice_by.isoformat()))


def _print_doc(fn, intake_id: int, fmt: Optional[str]) -> None:
    if fmt:
        typer.echo(run(fn, intake_id, fmt), nl=False)


@app.command("notice")
def notice(
    item: str = typer.Argument(..., help="Item code."),
    name: str = NAME_OPTION, id_no: str = ID_OPTION, phone: str = PHONE_OPTION, org: bool = ORG_OPTION,
    received: str = RECEIVED_OPTION, draft: Optional[int] = DRAFT_OPTION, doc: Optional[str] = DOC_OPTION,
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Issue the deficiency notice (一次性告知书): every missing material at once, within 5 working days
    of receipt."""
    from console.cases.documents import deficiency_notice
    from console.cases.intake import issue_deficiency_notice

    result = report(issue_deficiency_notice, build_form(item, name, id_no, phone, org, received), intake_id=draft,
                    text=lambda r: t("law.notice_issued", no=r.document_no, id=r.intake_id,
                                     missing="、".join(r.missing)))
    if result is not None:
        _print_doc(deficiency_notice, result.intake_id, doc)


@app.command("refuse")
def refuse(
    item: str = typer.Argument(..., help="Item code."),
    name: str = NAME_OPTION, id_no: str = ID_OPTION, phone: str = PHONE_OPTION, org: bool = ORG_OPTION,
    reason: str = typer.Option(..., "--reason", help="Why the application is not accepted."),
    basis: str = typer.Option(..., "--basis", help="The legal basis of the refusal."),
    draft: Optional[int] = DRAFT_OPTION, doc: Optional[str] = DOC_OPTION,
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Refuse to accept the application (不予受理决定书), with the reason and the legal basis."""
    from console.cases.documents import refusal_decision
    from console.cases.intake import refuse as do

    result = report(do, build_form(item, name, id_no, phone, org, ""), reason=reason, legal_basis=basis,
                    intake_id=draft, text=lambda r: t("law.refused", no=r.document_no, id=r.intake_id))
    if result is not None:
        _print_doc(refusal_decision, result.intake_id, doc)


@app.command("receipts")
def receipts(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Receipts still without an outcome: the deficiency-notice deadline, and deemed acceptance past it."""
    from console.cases.receipt import pending_receipts

    report(pending_receipts, table=lambda rows: (
        [t("law.col_intake"), t("case.col_item"), t("case.col_applicant"), t("law.col_received"),
         t("law.col_notice_by"), t("law.col_deemed")],
        [[r.intake_id, r.item_code, r.applicant, r.received_at.isoformat(sep=" ", timespec="minutes"),
          r.notice_by.isoformat(), t("law.deemed_mark") if r.deemed else ""] for r in rows]))


@app.command("forward")
def forward(
    number: str = typer.Argument(..., metavar="NO", help="Case number."),
    to: str = typer.Option(..., "--to", metavar="SITE", help="The site code to send it to (its township, the city center, or back)."),
    reason: str = typer.Option("", "--reason", help="Why (needed when sending it back)."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Send a case on across the three-level network (village → township → city, or back)."""
    from console.cases.forwarding import forward as do

    report(do, number, to, reason, text=lambda view: t("law.forwarded", number=view.number, site=view.site))
