"""Shared set-up of the proxy tests: two more departments and items, a second agent, hand-offs."""

from __future__ import annotations

from sqlalchemy import func, select

from models import AuditEvent, Case, Department, Enterprise, Item, Material, Project, ProjectItem, Role, Staff
from tests import factories

ENTERPRISE = {"name": "登封市嵩岳新材料有限公司", "uscc": "91410185MA3X00010D", "contact_name": "王经理",
              "contact_phone": "13812345678"}
OTHER_ENTERPRISE = {"name": "登封市少林文旅发展有限公司", "uscc": "91410185MA3X00020E", "contact_name": "李总",
                    "contact_phone": "13912345678"}
PROJECT = {"name": "年产5万吨新型建材项目", "location": "登封市大金店镇", "investment_yuan": "12000000.50",
           "industry": "建材"}
#: five items across four departments
FIVE_ITEMS = ("SCJG-001", "SCJG-002", "MZ-001", "RS-001", "ZJ-001")


def extend_hall(db, clock=None) -> dict:
    """Add 住建局 with one item and a second proxy agent P002 to the factory hall.

    Deadlines run weeks ahead of ``clock``'s today (the test's clock; a clock at the
    tests' moment when none is given): the years after the calendar library's last
    one are imported complete with their statutory holidays so that tests do not depend on the date.
    """
    from console.calendar.workdays import import_calendar, library_years
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from tests.conftest import TEST_NOW

    runner = Runner(db, clock=clock or FixedClock(TEST_NOW))
    year = runner.clock.today().year
    years = [y for y in range(year, year + 3) if y not in library_years()]
    with runner.transaction(factories.actor(db, "A001"), write=True) as ctx:
        s = ctx.session
        if years:
            from console.calendar.years import provisional_year

            import_calendar(ctx, "".join(f"{d.isoformat()},holiday,{n[0]}\n" for y in years
                                         for d, n in sorted(provisional_year(y)[1].items())), complete=True)
        center_id = s.scalar(select(Staff.site_id).where(Staff.employee_no == "P001"))
        zj = Department(code="ZJ", name="住房和城乡建设局", service_section="住建局行政服务科")
        s.add(zj)
        s.flush()
        s.add(Item(code="ZJ-001", name="建设工程规划许可", department_id=zj.id, promised_days=15, catalog_year=2004,
                   pinyin_initials="jsgcghxk", materials=[Material(position=1, name="规划图纸", required=True)]))
        s.add(Staff(employee_no="P002", name="赵代办", role=Role.proxy_agent, site_id=center_id,
                    pin_hash=factories.pin_hash(), created_at=factories.CREATED_AT))
    return {"zj": zj.id}


def handoff(runner, db, who: str = "C001", enterprise=ENTERPRISE, project=PROJECT, ticket=None) -> str:
    """Hand a project off as ``who`` (a clerk by default); its number."""
    from console.proxy.projects import handoff as hand_off

    return runner.run(hand_off, enterprise=enterprise, project=project, ticket=ticket,
                      actor=factories.actor(db, who)).number


def taken(runner, db, who: str = "P001", **kw) -> str:
    """A project handed off and taken by agent ``who``; its number."""
    from console.proxy.projects import take

    number = handoff(runner, db, **kw)
    runner.run(take, number, actor=factories.actor(db, who))
    return number


def counts(db) -> dict:
    """Rows of every table a proxy step may write."""
    with db.read() as s:
        return {model.__name__: s.scalar(select(func.count()).select_from(model))
                for model in (Enterprise, Project, ProjectItem, Case, AuditEvent)}
