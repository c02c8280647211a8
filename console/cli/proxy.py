"""``hall proxy``: investment projects carried through every department (代办科).

Every command runs one use case of :mod:`console.proxy.projects` and its sibling
modules as the staff member named by ``--as``: the hand-off needs ``proxy.handoff``,
assigning and changing the settings ``proxy.manage``, everything else — reading
included — ``proxy.work``.  How results print is in :mod:`console.cli.proxy_tables`;
the use cases are imported inside the commands so that ``hall --help`` stays light.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli import proxy_tables as tables
from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, actor_for, report, runner
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True, help="Proxy service: investment projects, items, visits, figures.")

PROJECT_ARG = typer.Argument(..., metavar="PROJECT", help="Project number, e.g. XM2026-0001.")


@app.command("handoff")
def handoff_cmd(
    enterprise: Optional[str] = typer.Option(None, "--enterprise", help="Enterprise name."),
    uscc: Optional[str] = typer.Option(None, "--uscc", help="Unified social credit code (18 characters)."),
    contact: Optional[str] = typer.Option(None, "--contact", help="Contact person."),
    phone: Optional[str] = typer.Option(None, "--phone", help="Contact phone."),
    legal_rep: Optional[str] = typer.Option(None, "--legal-rep", help="Legal representative (optional)."),
    project: Optional[str] = typer.Option(None, "--project", help="Project name."),
    location: Optional[str] = typer.Option(None, "--location", help="Where the project is built."),
    investment: Optional[str] = typer.Option(None, "--investment", help="Investment in yuan, e.g. 12000000 or 1234.50."),
    industry: Optional[str] = typer.Option(None, "--industry", help="Industry."),
    ticket: Optional[str] = typer.Option(None, "--ticket", help="Queue ticket the investor was served under."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Hand an investor's project to the proxy section."""
    from console.core.parsing import format_yuan
    from console.proxy.projects import EnterpriseData, ProjectData, handoff

    ent = None
    if any(v is not None for v in (enterprise, uscc, contact, phone, legal_rep)):
        ent = EnterpriseData(enterprise or "", uscc or "", contact or "", phone or "", legal_rep or "")
    data = ProjectData(project or "", location or "", investment if investment is not None else "", industry or "")
    report(handoff, enterprise=ent, project=data, ticket=ticket,
           json=lambda row: {"number": row.number, "enterprise": row.enterprise.name, "project": row.name,
                             "investment_yuan": format_yuan(row.investment_fen), "ticket": row.ticket_ref or None},
           text=lambda row: t("proxy.cli.handed_off", number=row.number, project=row.name))


@app.command("take")
def take_cmd(project: str = PROJECT_ARG, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Take a project nobody carries yet (proxy agent)."""
    from console.proxy.projects import take

    actor = actor_for(take)  # the agent the message names
    row = runner().run(take, project, actor=actor)
    typer.echo(t("proxy.cli.taken", number=row.number, agent=actor.employee_no))


@app.command("assign")
def assign_cmd(
    project: str = PROJECT_ARG,
    agent: str = typer.Option(..., "--agent", metavar="EMPLOYEE_NO", help="The agent who carries the project."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Assign a project to an agent (supervisor)."""
    from console.proxy.projects import assign

    report(assign, project, agent, text=lambda row: t("proxy.cli.assigned", number=row.number, agent=agent))


@app.command("add-item")
def add_item_cmd(
    project: str = PROJECT_ARG,
    item: str = typer.Argument(..., metavar="ITEMCODE", help="Catalog item code."),
    received: Optional[str] = typer.Option(
        None, "--received", metavar="POSITIONS",
        help="Material positions handed in, e.g. 1,2 (default: all of the item's materials)."),
    receipt: bool = typer.Option(False, "--receipt", help="Print the acceptance receipt of the new case."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add an item to a project: it is accepted as a case with its own deadline."""
    from console.cli.common import show
    from console.core.parsing import parse_positions
    from console.proxy.items import add_item, case_receipt

    positions = parse_positions(received, "received") if received is not None else None
    actor = actor_for(add_item)  # one log-in for the item and its receipt
    added = runner().run(add_item, project, item, received=positions, actor=actor)
    text = runner().run(case_receipt, added.project, added.case_number, "text", actor=actor) if receipt else None
    show(added, json=lambda a: {**a.as_dict(), **({"receipt": text} if text else {})},
         text=lambda a: "\n".join([t("proxy.cli.item_added", item=a.item_code, case=a.case_number,
                                     department=a.department, due=a.due_date.isoformat()), *([text] if text else [])]))


@app.command("materials-complete")
def materials_cmd(
    project: str = PROJECT_ARG,
    on: Optional[str] = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="The day they were complete (default today)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Record the day the investor's materials were complete: the project clock starts."""
    from console.core.parsing import parse_optional_date
    from console.proxy.projects import materials_complete

    report(materials_complete, project, parse_optional_date(on, "on"),
           text=lambda row: t("proxy.cli.clock_started", number=row.number, days=row.promised_days,
                              due=row.due_date.isoformat()))


@app.command("block")
def block_cmd(
    project: str = PROJECT_ARG,
    item: str = typer.Argument(..., metavar="ITEMCODE", help="Catalog item code."),
    text: str = typer.Argument("", metavar="TEXT", help="What holds the item up (empty clears it)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Note (or clear) what holds one of the project's items up."""
    from console.proxy.items import note_blocker

    report(note_blocker, project, item, text,
           text=lambda row: t("proxy.cli.blocker_noted" if row.blocker else "proxy.cli.blocker_cleared", item=item))


@app.command("complete")
def complete_cmd(project: str = PROJECT_ARG, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Close a project whose items are all closed; its follow-up visit is scheduled."""
    from console.proxy.projects import complete

    report(complete, project, text=lambda row: t("proxy.cli.completed_late" if row.late else "proxy.cli.completed",
                                                 number=row.number, visit=row.visits[-1].scheduled_on.isoformat()))


@app.command("list")
def list_cmd(
    agent: Optional[str] = typer.Option(None, "--agent", metavar="EMPLOYEE_NO", help="Only this agent's projects."),
    all_: bool = typer.Option(False, "--all", help="Include completed projects."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Projects, the most threatened first, with working days left and each agent's open load."""
    from console.proxy.views import worklist_view

    report(worklist_view, agent=agent, include_completed=all_, text=tables.worklist_text,
           json=lambda view: [r.as_dict() for r in view.rows])


@app.command("agents")
def agents_cmd(as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Each agent's open load: projects and items they carry now."""
    from console.proxy.views import agent_loads

    report(agent_loads, table=tables.loads_table)


@app.command("show")
def show_cmd(project: str = PROJECT_ARG,
             reveal: bool = typer.Option(False, "--reveal", help="Show the contact's full phone (needs a role that "
                                                                 "may; audited)."),
             as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """One project: enterprise, the clock, each item with its department and blocker, visits, timeline.

    The contact's phone is masked; ``--reveal`` shows it (audited).
    """
    import dataclasses

    from console.cli.common import run, show
    from console.proxy.views import project_detail

    detail = run(project_detail, project)
    if reveal:
        from console.proxy.reveal import reveal_projects

        phone = run(reveal_projects, detail.row.number)[0].values.get("phone")
        detail = dataclasses.replace(detail, contact_phone=phone or detail.contact_phone)
    show(detail, text=tables.detail_text)


@app.command("visit")
def visit_cmd(
    project: str = PROJECT_ARG,
    on: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Day of the visit (default today)."),
    contact: Optional[str] = typer.Option(None, "--contact", help="Whom the agent spoke to."),
    problems: str = typer.Option("", "--problems", help="Problems the enterprise raised."),
    solutions: str = typer.Option("", "--solutions", help="How they were solved."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Record a follow-up visit (回访) of a completed project."""
    from console.core.parsing import parse_optional_date
    from console.proxy.visits import record_visit

    report(record_visit, project, visited_on=parse_optional_date(on, "date"), contact=contact or "",
           problems=problems, solutions=solutions,
           text=lambda visit: t("proxy.cli.visit_late" if visit.visited_on > visit.scheduled_on
                                else "proxy.cli.visit_recorded", number=project.upper(),
                                day=visit.visited_on.isoformat()))


@app.command("visits")
def visits_cmd(
    late: bool = typer.Option(False, "--late", help="Only late follow-ups."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Follow-up visits, scheduled and made; late ones flagged."""
    from console.proxy.visits import list_visits

    report(list_visits, late_only=late, table=tables.visits_table)


@app.command("report")
def report_cmd(as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Figures: enterprises served, projects, total investment, share within the promise, average working days."""
    from console.proxy.report import figures

    report(figures, table=tables.figures_table)


@app.command("config")
def config_cmd(
    promise_days: Optional[int] = typer.Option(None, "--promise-days", help="Working days promised from complete materials (default 20)."),
    risk_days: Optional[int] = typer.Option(None, "--risk-days", help="Working days before the due date a project is at risk (default 3)."),
    visit_days: Optional[int] = typer.Option(None, "--visit-days", help="Working days after completion the follow-up visit is due (default 10)."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Show the proxy settings, or change them (supervisor)."""
    from console.proxy.projects import PROMISE_DAYS_KEY, RISK_DAYS_KEY, VISIT_DAYS_KEY, configure, settings

    values = {PROMISE_DAYS_KEY: promise_days, RISK_DAYS_KEY: risk_days, VISIT_DAYS_KEY: visit_days}
    if any(v is not None for v in values.values()):
        report(configure, values, table=tables.settings_table)
    else:
        report(settings, table=tables.settings_table)
