"""Demo history: ``hall demo --cases N`` adds N historical cases, June 2004 – May 2009.

:func:`extend` is registered in the demo's ``EXTENSIONS`` list; it reads the
demo hall's windows and items from the database, spreads the cases over the
working days of the period at the windows serving each item's department, and
gives them the source's mix (about 99.5% completed, a few withdrawn or ended,
some late).  Rows go in with the bulk insert of :mod:`console.cases.files`, and the
numbering counters are moved past the numbers used.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CaseSequence, Department, Item, Site, Window, window_departments

from console.core.context import Context
from console.core.runner import use_case

FIRST_DAY = date(2004, 6, 1)
LAST_DAY = date(2009, 5, 31)
#: completed / accepted in the source: 532,825 / 535,538
COMPLETED_SHARE = 532_825 / 535_538
#: share of completed cases finished after their due date
LATE_SHARE = 0.004
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志海峰鹏辉晓东"
REGIONS = ("410185", "410185", "410185", "410100", "410181", "410182", "410183", "410184", "410102")
ORG_WORDS = ("登封市", "嵩山", "少林", "中岳", "颍河", "告成")
ORG_KINDS = ("建材有限公司", "农业专业合作社", "商贸有限公司", "餐饮店", "旅游服务有限公司", "机械厂")
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _resident_id(rng: random.Random) -> str:
    from console.core.personal import id_check_digit

    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_digit(first17)


def _uscc(rng: random.Random) -> str:
    from stdnum.cn.uscc import calc_check_digit

    body = "92410185" + "".join(rng.choice(_USCC[:10]) for _ in range(9))
    return body + calc_check_digit(body)


def build_rows(session: Session, rng: random.Random, count: int,
               counters: dict[str, int] | None = None) -> list[tuple]:
    """``count`` historical case rows (in :data:`console.cases.files.INSERT_FIELDS` order).

    ``counters`` (when given) receives the last sequence number used per numbering scope.
    """
    from console.cases.numbering import number_fields, number_pattern, sequence_scope
    from console.calendar.workdays import load_calendar

    calendar = load_calendar(session)
    pattern = number_pattern(session)
    sites = {sid: code for sid, code in session.execute(select(Site.id, Site.code))}
    dept_codes = {did: code for did, code in session.execute(select(Department.id, Department.code))}
    serving: dict[int, list[tuple[int, int, str]]] = {}
    for wid, site_id, number, dept_id in session.execute(
            select(Window.id, Window.site_id, Window.number, window_departments.c.department_id)
            .join(window_departments, window_departments.c.window_id == Window.id).order_by(Window.id)):
        serving.setdefault(dept_id, []).append((wid, site_id, number))
    items = [(i.id, i.department_id, i.promised_days, i.fee_fen, i.catalog_year, i.retired_year)
             for i in session.scalars(select(Item).order_by(Item.id)) if i.department_id in serving]
    if not items or count <= 0:
        return []
    by_year: dict[int, list[tuple]] = {}
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        by_year[year] = [i for i in items if i[4] <= year and (i[5] is None or i[5] > year)] or items
    days = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        if calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    chosen = sorted(rng.randrange(len(days)) for _ in range(count))
    due_cache: dict[tuple[date, int], date] = {}

    def add(start: date, n: int) -> date:
        key = (start, n)
        value = due_cache.get(key)
        if value is None:
            value = due_cache[key] = calendar.add(start, n)
        return value

    counters = {} if counters is None else counters
    rows = []
    stamp = datetime.combine(LAST_DAY, time(18))
    rand = rng.random
    for index in chosen:
        accepted = days[index]
        item_id, dept_id, promised, fee, _, _ = rng.choice(by_year[accepted.year])
        window_id, site_id, window_no = rng.choice(serving[dept_id])
        accepted_at = datetime.combine(accepted, time(8, 30)) + timedelta(minutes=rng.randrange(540))
        fields = number_fields(site=sites[site_id], window=window_no, at=accepted_at, dept=dept_codes[dept_id])
        scope = sequence_scope(pattern, fields)
        seq = counters[scope] = counters.get(scope, 0) + 1
        number = pattern.format(seq=seq, **fields)
        due = add(accepted, promised)
        if rand() < 0.85:
            kind, name, id_no = "person", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), _resident_id(rng)
        else:
            kind, name, id_no = ("organization", rng.choice(ORG_WORDS) + rng.choice(SURNAMES) + "氏"
                                 + rng.choice(ORG_KINDS), _uscc(rng))
        phone = f"13{rng.randrange(10)}{rng.randrange(10**8):08d}"
        r = rand()
        decision = decision_no = decided_at = completed_at = completed_date = None
        late = False
        paid = 0
        if r < COMPLETED_SHARE:
            status = "completed"
            if rand() < LATE_SHARE:
                finish = add(due, rng.randint(1, 5))
                late = True
            else:
                finish = add(accepted, rng.randint(0, promised)) if promised else accepted
            completed_at = datetime.combine(finish, time(9)) + timedelta(minutes=rng.randrange(480))
            if completed_at < accepted_at:
                completed_at = accepted_at + timedelta(minutes=30)
            completed_date = completed_at.date()
            decision = "approved" if rand() < 0.985 else "not_approved"
            decision_no = f"{accepted.year}-{seq:06d}"
            decided_at = completed_at
            paid = fee if decision == "approved" else 0
        else:
            status = "withdrawn" if rand() < 0.6 else "ended"
            completed_at = accepted_at + timedelta(days=rng.randint(1, 10))
            completed_date = completed_at.date()
        rows.append((
            number, site_id, window_id, dept_id, item_id, None, None, kind, name, id_no, phone,
            "", "", status, accepted_at, accepted, accepted.year * 100 + accepted.month, promised, 0, due,
            decision, decision_no or "", decided_at, completed_at, completed_date, late, fee, paid, False, False,
            "", None, "waiver_lapsed" if status == "ended" else "", stamp,
        ))
    return rows


@use_case("catalog.manage", write=True, audit="case.demo_history")  # as hall case import
def extend(ctx: Context, rng: random.Random, demo: dict) -> int:
    """Add ``demo["cases"]`` historical cases to the demo hall; return how many were added."""
    from console.cases.files import insert_rows

    session = ctx.session
    counters: dict[str, int] = {}
    rows = build_rows(session, rng, int(demo.get("cases") or 0), counters)
    if not rows:
        return 0
    insert_rows(session, rows)
    for scope, value in counters.items():
        row = session.get(CaseSequence, scope)
        if row is None:
            session.add(CaseSequence(scope=scope, value=value))
        elif row.value < value:
            row.value = value
    ctx.audit("case.demo_history", "case", "*",
              {"cases": len(rows), "first": rows[0][0], "last": rows[-1][0],
               "from": FIRST_DAY.isoformat(), "to": LAST_DAY.isoformat()}, actor=None)
    return len(rows)
