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
insert of :mod:`console.cases.bulk`, and the numbering counters are moved past
the numbers used.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import chain

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


#: completed cases that were approved (the others: not approved)
APPROVED_SHARE = 0.985
#: GB 11643: the weights of the first 17 digits of a resident ID and the check digit of the sum mod 11
_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID_CHECK = "10X98765432"
#: birth dates of the applicants: from 1940-01-01, this many days
BIRTH_DAYS = 365 * 50


def _weighted(digits: str, offset: int) -> int:
    return sum(int(d) * w for d, w in zip(digits, _ID_WEIGHTS[offset:]))


@lru_cache(maxsize=1)
def _id_parts() -> tuple[list, list, list]:
    """The parts of a resident ID with their shares of the check sum: regions, birth dates, sequences."""
    regions = [(code, _weighted(code, 0)) for code in REGIONS]
    years = {y: (f"{y:04d}", _weighted(f"{y:04d}", 6)) for y in range(1940, 1941 + BIRTH_DAYS // 365)}
    days = {}  # "MMDD" → its share
    births = []
    day, one = date(1940, 1, 1), timedelta(days=1)
    for _ in range(BIRTH_DAYS):
        year, share = years[day.year]
        key = day.month * 100 + day.day
        if key not in days:
            days[key] = (f"{key:04d}", _weighted(f"{key:04d}", 10))
        text, rest = days[key]
        births.append((year + text, share + rest))
        day += one
    return regions, births, [(f"{n:03d}", _weighted(f"{n:03d}", 14)) for n in range(1000)]


def _scaled(n: int, of: int, total: int) -> int:
    """``total`` scaled to ``n`` out of ``of`` (the source's figure when ``n == of``)."""
    return round(total * n / of)


def _workdays(calendar, first: date, last: date) -> list[date]:
    days, day, one = [], first, timedelta(days=1)
    while day <= last:
        if calendar.is_workday(day):
            days.append(day)
        day += one
    return days


def build_rows(session: Session, rng: random.Random, count: int,
               counters: dict[str, int] | None = None, **options) -> list[tuple]:
    """:func:`iter_rows` as a list."""
    return list(iter_rows(session, rng, count, counters, **options))


def iter_rows(session: Session, rng: random.Random, count: int,
              counters: dict[str, int] | None = None, *, level: str = "center", first: date = FIRST_DAY,
              completed: int | None = None, fees_fen: int | None = None) -> Iterator[tuple]:
    """``count`` historical case rows (in :data:`console.cases.bulk.INSERT_FIELDS` order) at the
    windows of the sites of ``level`` (``center`` or ``township``), from ``first`` to :data:`LAST_DAY`,
    one by one in the order they were accepted.

    Exactly ``completed`` of them are completed (default: the source's share); the fees paid add
    up to exactly ``fees_fen`` (default: each item's own fee).  ``counters`` receives the last
    sequence number used per numbering scope as the rows are drawn.  Everything is read from the
    database before this returns: the rows may be drawn while the connection is busy with them
    (a ``COPY``).  Each row is drawn from a few draws of ``rng`` on tables made once (the working
    days, the times of day, the parts of an ID), with no calendar or date arithmetic per row.
    """
    from console.cases.numbering import number_fields, number_pattern, sequence_scope
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
    counters = {} if counters is None else counters
    if not items or count <= 0:
        return iter(())
    used = dict(session.execute(select(CaseSequence.scope, CaseSequence.value)).all())
    by_year: dict[int, list[int]] = {}
    for year in range(first.year, LAST_DAY.year + 1):
        by_year[year] = [n for n, i in enumerate(items) if i[4] <= year and (i[5] is None or i[5] > year)] \
            or list(range(len(items)))
    # every date a row needs is a working day a few working days after its acceptance: index arithmetic
    workdays = _workdays(calendar, first, calendar.add(LAST_DAY, max(i[2] for i in items) + 6))
    open_days = sum(1 for d in workdays if d <= LAST_DAY)
    rand = rng.random
    per_day = [0] * open_days
    for _ in range(count):
        per_day[int(rand() * open_days)] += 1
    completed = round(count * COMPLETED_SHARE) if completed is None else completed
    not_completed = set(rng.sample(range(count), count - completed))
    # first the items and decisions, so that the fees are scaled to their total as the rows stream
    picks, approved = array("I"), bytearray(count)
    base = 0
    last_paying = -1
    position = 0
    for day_index, n in enumerate(per_day):
        choices = by_year[workdays[day_index].year]
        k = len(choices)
        for _ in range(n):
            pick = choices[int(rand() * k)]
            picks.append(pick)
            if position not in not_completed and rand() < APPROVED_SHARE:
                approved[position] = 1
                if items[pick][3]:
                    base += items[pick][3]
                    last_paying = position
            position += 1

    def rows() -> Iterator[tuple]:
        from stdnum.cn.uscc import calc_check_digit

        regions, births, tails = _id_parts()
        minutes = [timedelta(minutes=m) for m in range(540)]
        after = [timedelta(days=d) for d in range(11)]
        half_hour = timedelta(minutes=30)
        morning = [datetime.combine(d, time(8, 30)) for d in workdays]
        nine = [datetime.combine(d, time(9)) for d in workdays]
        stamp = datetime.combine(LAST_DAY, time(18))
        windows = {dept: (choices, len(choices)) for dept, choices in serving.items()}
        numbering: dict[tuple, tuple[dict, str]] = {}
        scaled = fees_fen is not None
        left = fees_fen or 0
        n_regions, n_surnames, n_given = len(regions), len(SURNAMES), len(GIVEN)
        n_words, n_kinds = len(ORG_WORDS), len(ORG_KINDS)
        position = 0
        for day_index, n in enumerate(per_day):
            accepted = workdays[day_index]
            year, month = accepted.year, accepted.year * 100 + accepted.month
            opened = morning[day_index]
            for _ in range(n):
                item_id, dept_id, promised, fee, _, _ = items[picks[position]]
                choices, k = windows[dept_id]
                window_id, site_id, window_no = choices[int(rand() * k)]
                accepted_at = opened + minutes[int(rand() * 540)]
                key = (site_id, window_no, dept_id, month)
                numbered = numbering.get(key)
                if numbered is None:
                    fields = number_fields(site=sites[site_id], window=window_no, at=accepted_at,
                                           dept=dept_codes[dept_id])
                    numbered = numbering[key] = (fields, sequence_scope(pattern, fields))
                fields, scope = numbered
                seq = counters[scope] = counters.get(scope, used.get(scope, 0)) + 1
                number = pattern.format(seq=seq, **fields)
                due_index = day_index + promised
                if rand() < 0.85:
                    kind = "person"
                    name = SURNAMES[int(rand() * n_surnames)] + GIVEN[int(rand() * n_given)] \
                        + GIVEN[int(rand() * n_given)]
                    region, a = regions[int(rand() * n_regions)]
                    birth, b = births[int(rand() * BIRTH_DAYS)]
                    tail, c = tails[int(rand() * 1000)]
                    id_no = f"{region}{birth}{tail}{_ID_CHECK[(a + b + c) % 11]}"
                else:
                    kind = "organization"
                    name = (ORG_WORDS[int(rand() * n_words)] + SURNAMES[int(rand() * n_surnames)] + "氏"
                            + ORG_KINDS[int(rand() * n_kinds)])
                    body = f"92410185{int(rand() * 1_000_000_000):09d}"
                    id_no = body + calc_check_digit(body)
                phone = f"13{int(rand() * 1_000_000_000):09d}"
                fee_due, paid, late = fee, 0, False
                if position not in not_completed:
                    status = "completed"
                    if rand() < LATE_SHARE:
                        finish = due_index + 1 + int(rand() * 5)
                        late = True
                    else:
                        finish = day_index + int(rand() * (promised + 1))
                    completed_at = nine[finish] + minutes[int(rand() * 480)]
                    if completed_at < accepted_at:
                        completed_at = accepted_at + half_hour
                    decided_at = completed_at
                    decision_no = f"{year}-{seq:06d}"
                    if approved[position]:
                        decision = "approved"
                        if fee and scaled:
                            paid = left if position == last_paying else round(fee * fees_fen / base)
                            left -= paid
                            fee_due = paid
                        else:
                            paid = fee
                    else:
                        decision = "not_approved"
                else:
                    status = "withdrawn" if rand() < 0.6 else "ended"
                    completed_at = accepted_at + after[1 + int(rand() * 10)]
                    decision = decided_at = None
                    decision_no = ""
                yield (
                    number, site_id, window_id, dept_id, item_id, None, None, kind, name, id_no, phone,
                    "", "", status, accepted_at, accepted, month, promised, 0, workdays[due_index],
                    decision, decision_no, decided_at, completed_at, completed_at.date(), late, fee_due, paid,
                    False, False, "", None, "waiver_lapsed" if status == "ended" else "", stamp,
                )
                position += 1

    return rows()


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
    return how many were added in all.

    The rows stream from their draw into the bulk insert a chunk at a time (never all in
    memory), with the cases table's indexes built once at the end (the demo's database is
    new: nobody reads it yet).  The planner's statistics are refreshed once the whole
    build is committed (:func:`console.demo.target.build_into`).
    """
    from console.cases.bulk import insert_rows

    session = ctx.session
    counters: dict[str, int] = {}
    count = int(demo.get("cases") or 0)
    if count <= 0:
        return 0
    # the cases already at the center in the period (the proxy section's) count towards the figures
    had, had_completed, had_fees = _center_so_far(session)
    center = max(0, count - had)
    towns = _scaled(count, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)
    rows = chain(
        iter_rows(session, rng, center, counters,
                  completed=max(0, _scaled(count, CENTER_ACCEPTED, CENTER_COMPLETED) - had_completed),
                  fees_fen=max(0, _scaled(count, CENTER_ACCEPTED, CENTER_FEES_FEN) - had_fees)),
        iter_rows(session, rng, towns, counters, level="township", first=TOWNSHIP_FIRST_DAY,
                  completed=_scaled(towns, TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED), fees_fen=0))
    ends: list[str] = []
    added = insert_rows(session, _ends(rows, ends), total=center + towns, rebuild_indexes=True,
                        progress="demo.progress.history")
    if not added:
        return 0
    for scope, value in counters.items():
        row = session.get(CaseSequence, scope)
        if row is None:
            session.add(CaseSequence(scope=scope, value=value))
        elif row.value < value:
            row.value = value
    ctx.audit("case.demo_history", "case", "*",
              {"cases": added, "first": ends[0], "last": ends[-1],
               "from": FIRST_DAY.isoformat(), "to": LAST_DAY.isoformat()}, actor=None)
    return added


def _ends(rows: Iterator[tuple], ends: list[str]) -> Iterator[tuple]:
    """``rows`` as they come; the first and the last number go into ``ends``."""
    row = None
    for row in rows:
        if not ends:
            ends.append(row[0])
        yield row
    if row is not None:
        ends.append(row[0])
