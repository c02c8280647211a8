"""Demo data of the proxy section: the source's 13 enterprises and 228.8 million yuan of investment.

:func:`extend` is a demo extension (``console.demo.build.EXTENSIONS``).  It carries
every project through the real services — hand-off at a window, an agent takes
it, items accepted as cases, materials complete, the departments decide and
complete, the project completes, the follow-up visit — so the demo's projects,
cases, timelines and figures are exactly what the console would have recorded.
Ten projects are history (2008–2009, the years the source reports on; one
finished late, one visit made late); three are open now, so an agent's worklist
has work under the 20-day clock.

A project is handed off at its clerk's window with the ticket that window is
serving at the moment of the build — a ticket the queue's simulation really left
there, which the hand-off then closes — or, when the window serves nobody
(before opening, on a day the hall is closed), without a ticket.  Nothing is
dated after the moment of the build.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.core.context import Context
from console.core.runner import use_case
from console.demo.acting import Acting

#: the source: 13 enterprises served, 228.8 million yuan of investment
ENTERPRISES = 13
TOTAL_INVESTMENT_YUAN = 228_800_000
HISTORY = 10

#: (enterprise, industry, project, location, contact)
PROJECTS = [
    ("登封市嵩岳新型建材有限公司", "建材", "年产60万吨新型干法水泥粉磨站项目", "大金店镇", "王建国"),
    ("郑州少林禅武文化旅游有限公司", "文化旅游", "少林景区游客服务中心项目", "少林街道", "释永明"),
    ("登封市中岳耐火材料有限公司", "耐火材料", "年产3万吨高档耐火材料生产线", "告成镇", "李红军"),
    ("登封市颍河生态农业开发有限公司", "农业", "颍河万亩生态农业示范园", "卢店镇", "张丰收"),
    ("登封市嵩阳铝业有限公司", "有色金属", "铝型材深加工技改项目", "唐庄乡", "刘卫东"),
    ("登封市天中物流有限公司", "物流", "嵩山综合物流园一期", "东华镇", "赵运来"),
    ("登封市观星台酒店管理有限公司", "酒店服务", "观星台商务酒店项目", "告成镇", "孙晓梅"),
    ("登封市宏达机械制造有限公司", "机械制造", "矿山机械配件生产基地", "石道乡", "周志强"),
    ("登封市嵩山药业有限公司", "医药", "中药饮片GMP改造项目", "君召乡", "吴春华"),
    ("登封市宇通新能源科技有限公司", "新能源", "屋顶分布式光伏电站项目", "徐庄镇", "郑光明"),
    ("登封市少室山矿泉水有限公司", "食品饮料", "年产10万吨矿泉水生产线", "宣化镇", "冯清泉"),
    ("登封市大冶绿色陶瓷有限公司", "陶瓷", "高档卫生陶瓷生产线", "大冶镇", "陈立新"),
    ("登封市嵩山商贸城开发有限公司", "商贸", "嵩山商贸城综合体项目", "嵩阳街道", "何振华"),
]

#: problems raised at follow-up visits and how they were solved
VISIT_NOTES = [
    ("", ""),
    ("施工用电报装进度慢", "协调供电公司三个工作日内完成接电"),
    ("消防验收需补充图纸", "代办员陪同企业到消防大队一次性补齐"),
    ("", ""),
    ("招工难，需要技术工人", "联系人社局举办专场招聘会"),
]

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uscc(rng: random.Random) -> str:
    from stdnum.cn import uscc

    base = "91410185MA" + "".join(rng.choice(_USCC_CHARS) for _ in range(7))
    return base + uscc.calc_check_digit(base)


def _amounts(rng: random.Random, count: int, total_yuan: int) -> list[int]:
    """``count`` amounts in whole 10,000 yuan (万元), each at least 1 million, summing to ``total_yuan``."""
    units = total_yuan // 10_000
    weights = [rng.uniform(0.3, 3.0) for _ in range(count)]
    scale = (units - 100 * count) / sum(weights)
    parts = [100 + int(w * scale) for w in weights]
    parts[max(range(count), key=parts.__getitem__)] += units - sum(parts)
    return [p * 10_000 for p in parts]


def _actor(session: Session, employee_no: str):
    from models import Staff

    from console.core.auth import Actor

    return Actor.of(session.scalar(select(Staff).where(Staff.employee_no == employee_no)))


def _workday_at(cal, day: date, hour: int) -> datetime:
    while not cal.is_workday(day):
        day += timedelta(days=1)
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _accepted_at(cal, start: datetime, delay: int, now: datetime, items: int) -> datetime:
    """09:00 on the first working day ``delay`` days after the hand-off at ``start`` — or, when that is
    not over by ``now`` (a long holiday), the latest working day before it that is (at the latest
    an hour after the hand-off itself)."""
    at = _workday_at(cal, start.date() + timedelta(days=delay), 9)
    latest = now - timedelta(minutes=20 * items)
    day = at.date()
    while at > latest:
        day -= timedelta(days=1)
        if day <= start.date():
            return start + timedelta(hours=1)
        if cal.is_workday(day):
            at = datetime.combine(day, datetime.min.time()).replace(hour=9)
    return at


def _serving_ticket(clerk: Acting) -> str | None:
    """The number of the ticket the clerk's window is calling or serving now, if any."""
    from console.queue.window import current_ticket

    if not getattr(clerk.actor, "window_id", None):
        return None
    current = clerk(current_ticket)
    return current.number if current is not None else None


def _items(rng: random.Random, by_department: dict[str, list[str]], count: int) -> list[str]:
    departments = rng.sample(sorted(d for d, codes in by_department.items() if codes),
                             k=min(count, len([d for d, c in by_department.items() if c])))
    return [rng.choice(sorted(by_department[d])) for d in departments]


def _carry(ctx: Context, rng: random.Random, demo: dict, index: int, amount: int, start: datetime,
           finish: bool, late: bool = False, visit_late: bool = False) -> tuple[str, str | None]:
    """Carry project ``index`` from its hand-off at ``start``; (its number, the ticket handed off)."""
    from models import Project

    from console.calendar.workdays import load_calendar
    from console.cases import lifecycle as case_lifecycle
    from console.proxy.items import add_item
    from console.proxy.projects import EnterpriseData, ProjectData, complete, handoff, materials_complete, take
    from console.proxy.visits import record_visit

    session = ctx.session
    name, industry, project_name, town, contact = PROJECTS[index]
    agents = demo["managers"]["proxy_agent"]
    agent = Acting(ctx, _actor(session, agents[index % min(len(agents), 3)]))
    clerks = [no for nos in demo["clerks_by_department"].values() for no in nos]
    clerk = Acting(ctx, _actor(session, clerks[index % len(clerks)]))
    admin = Acting(ctx, ctx.actor)
    cal = load_calendar(session)
    ticket = _serving_ticket(clerk)
    row = clerk(handoff, ticket=ticket,
                enterprise=EnterpriseData(name, _uscc(rng), contact, "13" + "".join(rng.choice("0123456789")
                                                                                   for _ in range(9))),
                project=ProjectData(project_name, f"登封市{town}", amount, industry), at=start)
    number = row.number
    agent(take, number)
    delay, count = rng.randint(1, 3), rng.randint(3, 5)
    accepted = _accepted_at(cal, start, delay, ctx.now(), count)
    codes = _items(rng, demo["items_by_department"], count)
    for k, code in enumerate(codes):
        agent(add_item, number, code, at=accepted + timedelta(minutes=20 * k))
    agent(materials_complete, number, accepted.date())
    if not finish:
        _progress(ctx, admin, agent, number, index)
        return number, ticket
    project = session.scalar(select(Project).where(Project.number == number))
    for k, item in enumerate(project.items):
        case = item_case(session, item.case_id)
        spread = rng.randint(0, max(case.promised_days - 1, 0))
        done_day = cal.add(case.accepted_date, min(spread, 18))
        if late and k == 0:
            done_day = cal.add(project.due_date, 2)
        at = datetime.combine(done_day, datetime.min.time()).replace(hour=15)
        admin(case_lifecycle.decide, case.number, "approved", f"登审〔{at.year}〕{index + 1:02d}{k + 1}号")
        admin(case_lifecycle.complete, case.number, at=at)
    agent(complete, number)
    scheduled = project.visits[0].scheduled_on
    visited = scheduled + timedelta(days=4) if visit_late else scheduled - timedelta(days=rng.randint(0, 3))
    problems, solutions = VISIT_NOTES[index % len(VISIT_NOTES)]
    agent(record_visit, number, visited_on=max(visited, project.completed_date), contact=contact,
          problems=problems, solutions=solutions)
    return number, ticket


def _progress(ctx: Context, admin: Acting, agent: Acting, number: str, index: int) -> None:
    """An open project part-way: its short items done by their due dates, one blocker noted;
    the last open project leaves an overdue item (red on the worklist)."""
    from models import Project

    from console.cases import lifecycle as case_lifecycle
    from console.proxy.items import note_blocker

    session = ctx.session
    project = session.scalar(select(Project).where(Project.number == number))
    for item in project.items:
        case = item_case(session, item.case_id)
        if case.due_date < ctx.today() and index != ENTERPRISES - 1:
            at = datetime.combine(case.due_date, datetime.min.time()).replace(hour=15)
            admin(case_lifecycle.decide, case.number, "approved", f"登审〔{at.year}〕{index + 1:02d}号")
            admin(case_lifecycle.complete, case.number, at=at)
    open_cases = [item_case(session, i.case_id) for i in project.items]
    open_cases = [c for c in open_cases if c.completed_at is None]
    if index == HISTORY + 1 and open_cases:
        from models import Item

        agent(note_blocker, number, session.get(Item, open_cases[-1].item_id).code, "等待企业补充环评批复")


def item_case(session: Session, case_id: int):
    """The case of a project item."""
    from models import Case

    return session.get(Case, case_id)


@use_case("proxy.manage", write=True,
          unaudited="every step runs through the proxy, queue and case use cases, which audit themselves")
def extend(ctx: Context, rng: random.Random, demo: dict) -> dict:
    """Seed the proxy section: 13 enterprises, 228.8 million yuan, ten completed projects and three open."""
    amounts = _amounts(rng, ENTERPRISES, TOTAL_INVESTMENT_YUAN)
    made: list[str] = []
    tickets: list[str] = []
    for index in range(ENTERPRISES):
        if index < HISTORY:
            year = 2008 + index // 6
            start = datetime(year, 3 + (index % 6) * 1, 5 + index, 10, 0)
            number, ticket = _carry(ctx, rng, demo, index, amounts[index], start, finish=True, late=index == 4,
                                    visit_late=index == 7)
        else:
            start = datetime.combine(ctx.today() - timedelta(days=6 + 5 * (index - HISTORY)), time(10))
            number, ticket = _carry(ctx, rng, demo, index, amounts[index], start, finish=False)
        made.append(number)
        if ticket is not None:
            tickets.append(ticket)
    demo["proxy_projects"] = made
    return {"projects": len(made), "tickets": tickets}
