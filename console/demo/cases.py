"""Demo history: ``hall demo --cases N`` adds N historical cases at the city center, June 2004 –
May 2009, and the township centers' share on top.

:func:`extend` is registered in the demo's ``EXTENSIONS`` list; it reads the
demo hall's windows and items from the database and spreads the cases over the
working days of the period at the center's windows serving each item's
department.  The figures are the source's, scaled to N (``--cases 535538`` gives
them exactly): 535,538 accepted and 532,825 completed (99.5%) at the center, fees
of 6.67 billion yuan (the center's windows collect taxes, land and construction
charges too, so a fee-charging case pays its item's standard scaled to that
total); and at the 17 township centers, from September 2008 when the network
opened, 37,032 accepted and 37,006 completed (99.9%).  Rows go in with the bulk
insert of :mod:`console.cases.files`, and the numbering counters are moved past
the numbers used.
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
#: the source's figures at the city center, June 2004 – May 2009
CENTER_ACCEPTED, CENTER_COMPLETED = 535_538, 532_825
#: fees collected at the center over the period: 6.67 billion yuan, in fen
CENTER_FEES_FEN = 667_000_000_000
#: the township centers' figures since the network opened (September 2008)
TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED = 37_032, 37_006
TOWNSHIP_FIRST_DAY = date(2008, 9, 1)
#: completed / accepted in the source: 532,825 / 535,538
COMPLETED_SHARE = CENTER_COMPLETED / CENTER_ACCEPTED
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


def _scaled(n: int, of: int, total: int) -> int:
    """``total`` scaled to ``n`` out of ``of`` (the source's figure when ``n == of``)."""
    return round(total * n / of)


def build_rows(session: Session, rng: random.Random, count: int,
               counters: dict[str, int] | None = None, *, level: str = "center", first: date = FIRST_DAY,
               completed: int | None = None, fees_fen: int | None = None) -> list[tuple]:
    """``count`` historical case rows (in :data:`console.cases.files.INSERT_FIELDS` order) at the
    windows of the sites of ``level`` (``center`` or ``township``), from ``first`` to :data:`LAST_DAY`.

    Exactly ``completed`` of them are completed (default: the source's share); the fees paid add
    up to exactly ``fees_fen`` (default: each item's own fee).  ``counters`` (when given) receives
    the last sequence number used per numbering scope.
    """
    from console.cases.numbering import current_value, number_fields, number_pattern, sequence_scope
    from console.calendar.workdays import load_calendar

    calendar = load_calendar(session)
    pattern = number_pattern(session)
    sites = {sid: code for sid, code in session.execute(select(Site.id, Site.code).where(Site.kind == level))}
    dept_codes = {did: code for did, code in session.execute(select(Department.id, Department.code))}
    serving: dict[int, list[tuple[int, int, str]]] = {}
    for wid, site_id, number, dept_id in session.execute(
            select(Window.id, Window.site_id, Window.number, window_departments.c.department_id)
            .join(window_departments, window_departments.c.window_id == Window.id).order_by(Window.id)):
        if site_id in sites:
            serving.setdefault(dept_id, []).append((wid, site_id, number))
    items = [(i.id, i.department_id, i.promised_days, i.fee_fen, i.catalog_year, i.retired_year)
             for i in session.scalars(select(Item).order_by(Item.id)) if i.department_id in serving]
    if not items or count <= 0:
        return []
    by_year: dict[int, list[tuple]] = {}
    for year in range(first.year, LAST_DAY.year + 1):
        by_year[year] = [i for i in items if i[4] <= year and (i[5] is None or i[5] > year)] or items
    days = []
    day = first
    while day <= LAST_DAY:
        if calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    chosen = sorted(rng.randrange(len(days)) for _ in range(count))
    completed = round(count * COMPLETED_SHARE) if completed is None else completed
    not_completed = set(rng.sample(range(count), count - completed))
    due_cache: dict[tuple[date, int], date] = {}

    def add(start: date, n: int) -> date:
        key = (start, n)
        value = due_cache.get(key)
        if value is None:
            value = due_cache[key] = calendar.add(start, n)
        return value

    counters = {} if counters is None else counters
    rows = []
    paying: list[int] = []
    stamp = datetime.combine(LAST_DAY, time(18))
    rand = rng.random
    for position, index in enumerate(chosen):
        accepted = days[index]
        item_id, dept_id, promised, fee, _, _ = rng.choice(by_year[accepted.year])
        window_id, site_id, window_no = rng.choice(serving[dept_id])
        accepted_at = datetime.combine(accepted, time(8, 30)) + timedelta(minutes=rng.randrange(540))
        fields = number_fields(site=sites[site_id], window=window_no, at=accepted_at, dept=dept_codes[dept_id])
        scope = sequence_scope(pattern, fields)
        if scope not in counters:  # continue after numbers used already (the proxy section's cases)
            counters[scope] = current_value(session, scope)
        seq = counters[scope] = counters[scope] + 1
        number = pattern.format(seq=seq, **fields)
        due = add(accepted, promised)
        if rand() < 0.85:
            kind, name, id_no = "person", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), _resident_id(rng)
        else:
            kind, name, id_no = ("organization", rng.choice(ORG_WORDS) + rng.choice(SURNAMES) + "氏"
                                 + rng.choice(ORG_KINDS), _uscc(rng))
        phone = f"13{rng.randrange(10)}{rng.randrange(10**8):08d}"
        decision = decision_no = decided_at = completed_at = completed_date = None
        late = False
        paid = 0
        if position not in not_completed:
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
            if paid:
                paying.append(position)
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
    if fees_fen is not None:
        _scale_fees(rows, paying, fees_fen)
    return rows


#: where the fee due and the fee paid are in a row of :data:`console.cases.files.INSERT_FIELDS`
_FEE_DUE, _FEE_PAID = 26, 27


def _scale_fees(rows: list[tuple], paying: list[int], total: int) -> None:
    """Scale the fees of the ``paying`` rows so that they add up to exactly ``total`` fen."""
    base = sum(rows[i][_FEE_PAID] for i in paying)
    if not base:
        return
    left = total
    for n, i in enumerate(paying):
        row = list(rows[i])
        amount = left if n == len(paying) - 1 else round(row[_FEE_PAID] * total / base)
        left -= amount
        row[_FEE_DUE] = row[_FEE_PAID] = amount
        rows[i] = tuple(row)


def _center_so_far(session: Session) -> tuple[int, int, int]:
    """(accepted, completed, fees paid in fen) of the cases at the center in the history's period."""
    from sqlalchemy import case, func

    from models import Case, CaseStatus, SiteKind

    row = session.execute(
        select(func.count(), func.sum(case((Case.status == CaseStatus.completed, 1), else_=0)),
               func.sum(Case.fee_paid_fen))
        .join(Site, Case.site_id == Site.id)
        .where(Site.kind == SiteKind.center, Case.accepted_date >= FIRST_DAY, Case.accepted_date <= LAST_DAY)).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)


@use_case("catalog.manage", write=True, audit="case.demo_history")  # as hall case import
def extend(ctx: Context, rng: random.Random, demo: dict) -> int:
    """Add ``demo["cases"]`` historical cases at the center and the townships' share on top;
    return how many were added in all."""
    from console.cases.files import insert_rows

    session = ctx.session
    counters: dict[str, int] = {}
    count = int(demo.get("cases") or 0)
    if count <= 0:
        return 0
    # the cases already at the center in the period (the proxy section's) count towards the figures
    had, had_completed, had_fees = _center_so_far(session)
    rows = build_rows(session, rng, max(0, count - had), counters,
                      completed=max(0, _scaled(count, CENTER_ACCEPTED, CENTER_COMPLETED) - had_completed),
                      fees_fen=max(0, _scaled(count, CENTER_ACCEPTED, CENTER_FEES_FEN) - had_fees))
    towns = _scaled(count, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)
    rows += build_rows(session, rng, towns, counters, level="township", first=TOWNSHIP_FIRST_DAY,
                       completed=_scaled(towns, TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED), fees_fen=0)
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
