"""``hall proxy``: investment projects carried through every department (代办科).

Every command calls one service of :mod:`console.proxy.projects` and its sibling modules;
the services are imported inside the commands so that ``hall --help`` stays light.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, echo_ok, emit_json, emit_table, use_db
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True, help="Proxy service: investment projects, items, visits, figures.")

PROJECT_ARG = typer.Argument(..., metavar="PROJECT", help="Project number, e.g. XM2026-0001.")


def _date(value: Optional[str], field: str):
    from datetime import date

    from console.core.errors import Invalid

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid("proxy.bad_date", field=field, value=value) from None


def _positions(value: Optional[str]):
    from console.core.errors import Invalid

    if value is None:
        return None
    try:
        return tuple(int(p) for p in value.replace("，", ",").split(",") if p.strip())
    except ValueError:
        raise Invalid("proxy.bad_positions", field="received", value=value) from None


def _warning(value: str) -> str:
    return t(f"proxy.warning.{value}")


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
    from console.cli.common import acting_staff, database
    from console.proxy.projects import EnterpriseData, ProjectData, fen_to_yuan_text, handoff

    use_db(db)
    actor = acting_staff(as_)
    ent = None
    if any(v is not None for v in (enterprise, uscc, contact, phone, legal_rep)):
        ent = EnterpriseData(enterprise or "", uscc or "", contact or "", phone or "", legal_rep or "")
    data = ProjectData(project or "", location or "", investment if investment is not None else "", industry or "")
    with database().write() as session:
        row = handoff(session, actor, enterprise=ent, project=data, ticket=ticket)
        result = {"number": row.number, "enterprise": row.enterprise.name, "project": row.name,
                  "investment_yuan": fen_to_yuan_text(row.investment_fen), "ticket": row.ticket_ref or None}
    if json_out:
        emit_json(result)
    else:
        echo_ok(t("proxy.cli.handed_off", number=result["number"], project=result["project"]))


@app.command("take")
def take_cmd(project: str = PROJECT_ARG, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Take a project nobody carries yet (proxy agent)."""
    from console.cli.common import acting_staff, database
    from console.proxy.projects import take

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        number = take(session, actor, project).number
    echo_ok(t("proxy.cli.taken", number=number, agent=actor.employee_no))


@app.command("assign")
def assign_cmd(
    project: str = PROJECT_ARG,
    agent: str = typer.Option(..., "--agent", metavar="EMPLOYEE_NO", help="The agent who carries the project."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Assign a project to an agent (supervisor)."""
    from console.cli.common import acting_staff, database
    from console.proxy.projects import assign

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        number = assign(session, actor, project, agent).number
    echo_ok(t("proxy.cli.assigned", number=number, agent=agent))


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
    from console.cli.common import acting_staff, database
    from console.proxy.items import add_item

    use_db(db)
    actor = acting_staff(as_)
    positions = _positions(received)
    with database().write() as session:
        added = add_item(session, actor, project, item, received=positions)
    text = None
    if receipt:
        from console.cases.documents import receipt as render_receipt

        with database().read() as session:
            text = render_receipt(session, actor, added.case_number, "text")
    if json_out:
        emit_json({**added.as_dict(), **({"receipt": text} if text else {})})
        return
    echo_ok(t("proxy.cli.item_added", item=added.item_code, case=added.case_number,
              department=added.department, due=added.due_date.isoformat()))
    if text:
        typer.echo(text)


@app.command("materials-complete")
def materials_cmd(
    project: str = PROJECT_ARG,
    on: Optional[str] = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="The day they were complete (default today)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Record the day the investor's materials were complete: the project clock starts."""
    from console.cli.common import acting_staff, database
    from console.proxy.projects import materials_complete

    use_db(db)
    actor = acting_staff(as_)
    day = _date(on, "on")
    with database().write() as session:
        row = materials_complete(session, actor, project, day)
        number, due, days = row.number, row.due_date, row.promised_days
    echo_ok(t("proxy.cli.clock_started", number=number, days=days, due=due.isoformat()))


@app.command("block")
def block_cmd(
    project: str = PROJECT_ARG,
    item: str = typer.Argument(..., metavar="ITEMCODE", help="Catalog item code."),
    text: str = typer.Argument("", metavar="TEXT", help="What holds the item up (empty clears it)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Note (or clear) what holds one of the project's items up."""
    from console.cli.common import acting_staff, database
    from console.proxy.items import note_blocker

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        row = note_blocker(session, actor, project, item, text)
        noted = bool(row.blocker)
    echo_ok(t("proxy.cli.blocker_noted" if noted else "proxy.cli.blocker_cleared", item=item))


@app.command("complete")
def complete_cmd(project: str = PROJECT_ARG, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Close a project whose items are all closed; its follow-up visit is scheduled."""
    from console.cli.common import acting_staff, database
    from console.proxy.projects import complete

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        row = complete(session, actor, project)
        number, late, visit = row.number, row.late, row.visits[-1].scheduled_on
    echo_ok(t("proxy.cli.completed_late" if late else "proxy.cli.completed", number=number,
              visit=visit.isoformat()))


@app.command("list")
def list_cmd(
    agent: Optional[str] = typer.Option(None, "--agent", metavar="EMPLOYEE_NO", help="Only this agent's projects."),
    all_: bool = typer.Option(False, "--all", help="Include completed projects."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Projects, the most threatened first, with working days left and each agent's open load."""
    from console.cli.common import database, reader
    from console.proxy.views import agent_loads, worklist

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        rows = worklist(session, actor, agent=agent, include_completed=all_)
        loads = agent_loads(session, actor)
    if json_out:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table(
        [t("proxy.col.number"), t("proxy.col.project"), t("proxy.col.agent"), t("proxy.col.items"),
         t("proxy.col.days_left"), t("proxy.col.warning"), t("proxy.col.next")],
        [[r.number, r.name, r.agent_no or "-", f"{r.items_closed}/{r.items_total}",
          "-" if r.days_left is None else r.days_left, _warning(r.warning), r.next_action]
         for r in rows],
        title=t("proxy.cli.worklist_title"),
    )
    emit_table([t("proxy.col.agent"), t("proxy.col.name"), t("proxy.col.open_projects"), t("proxy.col.open_items")],
               [[a.employee_no, a.name, a.open_projects, a.open_items] for a in loads],
               title=t("proxy.cli.loads_title"))


@app.command("agents")
def agents_cmd(as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Each agent's open load: projects and items they carry now."""
    from console.cli.common import database, reader
    from console.proxy.views import agent_loads

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        loads = agent_loads(session, actor)
    if json_out:
        emit_json([a.as_dict() for a in loads])
        return
    emit_table([t("proxy.col.agent"), t("proxy.col.name"), t("proxy.col.open_projects"), t("proxy.col.open_items")],
               [[a.employee_no, a.name, a.open_projects, a.open_items] for a in loads])


@app.command("show")
def show_cmd(project: str = PROJECT_ARG, as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION,
             db: Optional[str] = DB_OPTION) -> None:
    """One project: enterprise, the clock, each item with its department and blocker, visits, timeline."""
    from console.cli.common import database, reader
    from console.proxy.projects import fen_to_yuan_text
    from console.proxy.views import project_detail

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        detail = project_detail(session, actor, project)
    if json_out:
        emit_json(detail.as_dict())
        return
    r = detail.row
    lines = [
        (t("proxy.col.number"), r.number), (t("proxy.col.project"), r.name),
        (t("proxy.col.enterprise"), f"{r.enterprise} ({detail.uscc})"),
        (t("proxy.col.contact"), f"{detail.contact_name} {detail.contact_phone}"),
        (t("proxy.col.location"), detail.location), (t("proxy.col.industry"), detail.industry),
        (t("proxy.col.investment"), fen_to_yuan_text(r.investment_fen)),
        (t("proxy.col.status"), t(f"proxy.status.{r.status}")), (t("proxy.col.agent"), r.agent_no or "-"),
        (t("proxy.col.materials"), r.materials_complete_on or "-"), (t("proxy.col.due"), r.due_date or "-"),
        (t("proxy.col.days_left"), "-" if r.days_left is None else r.days_left),
        (t("proxy.col.warning"), _warning(r.warning)), (t("proxy.col.next"), r.next_action),
    ]
    for label, value in lines:
        typer.echo(f"{label}: {value}")
    emit_table(
        [t("proxy.col.item"), t("proxy.col.department"), t("proxy.col.case"), t("proxy.col.status"),
         t("proxy.col.due"), t("proxy.col.days_left"), t("proxy.col.warning"), t("proxy.col.blocker")],
        [[f"{i.item_code} {i.item_name}", i.department, i.case_number, t(f"proxy.case_status.{i.case_status}"),
          i.due_date, "-" if i.days_left is None else i.days_left, _warning(i.warning), i.blocker]
         for i in detail.items],
        title=t("proxy.cli.items_title"),
    )
    if detail.visits:
        emit_table([t("proxy.col.scheduled"), t("proxy.col.visited"), t("proxy.col.contact"),
                    t("proxy.col.problems"), t("proxy.col.solutions"), t("proxy.col.late")],
                   [[v["scheduled_on"], v["visited_on"] or "-", v["contact"], v["problems"], v["solutions"],
                     t("proxy.yes") if v["late"] else ""] for v in detail.visits],
                   title=t("proxy.cli.visits_title"))
    emit_table([t("proxy.col.at"), t("proxy.col.actor"), t("proxy.col.step"), t("proxy.col.subject")],
               [[s.at, s.actor_no, s.text, s.subject] for s in detail.timeline],
               title=t("proxy.cli.timeline_title"))


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
    from console.cli.common import acting_staff, database
    from console.proxy.visits import record_visit

    use_db(db)
    actor = acting_staff(as_)
    day = _date(on, "date")
    with database().write() as session:
        visit = record_visit(session, actor, project, visited_on=day, contact=contact or "", problems=problems,
                             solutions=solutions)
        late, when = visit.visited_on > visit.scheduled_on, visit.visited_on
    echo_ok(t("proxy.cli.visit_late" if late else "proxy.cli.visit_recorded", number=project.upper(),
              day=when.isoformat()))


@app.command("visits")
def visits_cmd(
    late: bool = typer.Option(False, "--late", help="Only late follow-ups."),
    as_: Optional[str] = AS_OPTION,
    json_out: bool = JSON_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Follow-up visits, scheduled and made; late ones flagged."""
    from console.cli.common import database, reader
    from console.proxy.visits import list_visits

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        rows = list_visits(session, actor, late_only=late)
    if json_out:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("proxy.col.number"), t("proxy.col.enterprise"), t("proxy.col.scheduled"), t("proxy.col.visited"),
                t("proxy.col.contact"), t("proxy.col.late")],
               [[r.project, r.enterprise, r.scheduled_on, r.visited_on or "-", r.contact,
                 t("proxy.yes") if r.late else ""] for r in rows])


@app.command("report")
def report_cmd(as_: Optional[str] = AS_OPTION, json_out: bool = JSON_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Figures: enterprises served, projects, total investment, share within the promise, average working days."""
    from console.cli.common import database, reader
    from console.proxy.projects import fen_to_yuan_text
    from console.proxy.report import figures

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        f = figures(session, actor)
    if json_out:
        emit_json(f.as_dict())
        return
    share = "-" if f.within_promise_share is None else f"{f.within_promise_share * 100:.1f}%"
    rows = [
        (t("proxy.fig.enterprises"), f.enterprises), (t("proxy.fig.projects"), f.projects),
        (t("proxy.fig.open"), f.open_projects), (t("proxy.fig.completed"), f.completed),
        (t("proxy.fig.investment"), fen_to_yuan_text(f.total_investment_fen)),
        (t("proxy.fig.within_promise", days=f.promise_days), share),
        (t("proxy.fig.average_days"), "-" if f.average_workdays is None else f.average_workdays),
        (t("proxy.fig.overdue"), f.overdue_open), (t("proxy.fig.visits_due"), f.visits_due),
        (t("proxy.fig.visits_late"), f.visits_late),
    ]
    emit_table([t("proxy.col.figure"), t("proxy.col.value")], [list(r) for r in rows], title=t("proxy.cli.report_title"))


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
    from console.cli.common import acting_staff, database
    from console.proxy.projects import PROMISE_DAYS_KEY, RISK_DAYS_KEY, VISIT_DAYS_KEY, configure, settings

    use_db(db)
    values = {PROMISE_DAYS_KEY: promise_days, RISK_DAYS_KEY: risk_days, VISIT_DAYS_KEY: visit_days}
    if any(v is not None for v in values.values()):
        actor = acting_staff(as_)
        with database().write() as session:
            current = configure(session, actor, values)
    else:
        with database().read() as session:
            current = settings(session)
    if json_out:
        emit_json(current)
        return
    emit_table([t("proxy.col.figure"), t("proxy.col.value")],
               [[t(f"proxy.setting.{key.split('.', 1)[1]}"), value] for key, value in current.items()])
