"""The quarterly evaluation (季度评比) and the stars (挂星).

From the quarter's three frozen months: the windows with the highest summed
(= average × 3) score get the mobile red flag (流动红旗, 8 a quarter), the staff
with the highest summed business score are business model staff (业务标兵, 10) and
those with the highest summed discipline score discipline model staff (纪律标兵,
10).  Only windows and staff scored in all three months take part.

Ties are broken by: fewer deduction occurrences over the quarter, then more
cases handled over the quarter, then the lower window number / employee number.

A supervisor confirms the evaluation once; the awards are stored and each red
flag hangs one star on its window.  The year's ranking is by stars.

The star board (:func:`star_board`) is public: it is what the hall hangs on its
TV, read with nobody logged in.  :func:`window_stars` gives the hall display its
stars (``fn(session, site_id)``, the display's provider).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    AWARD_LIMITS,
    AssessAward,
    AssessMonth,
    AssessQuarter,
    AssessScore,
    AwardKind,
    MonthStatus,
    Site,
    Staff,
    Window,
)

from console.assess.common import Quarter, assessed_windows, parse_quarter, window_label
from console.core.context import Context
from console.core.errors import Conflict, Invalid
from console.core.runner import PUBLIC, use_case


@dataclass
class AwardRow:
    """One award (or candidate): kind, rank, who, and the quarter's figures behind it."""

    kind: str
    rank: int
    target: str
    name: str
    score_sum: int
    average: float
    deductions: int = 0
    handled: int = 0
    target_id: int = 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("target_id")
        return data


@dataclass
class QuarterResult:
    """A quarter's awards: proposed (``confirmed`` false) or as confirmed."""

    quarter: str
    confirmed: bool
    red_flags: list[AwardRow] = field(default_factory=list)
    business_models: list[AwardRow] = field(default_factory=list)
    discipline_models: list[AwardRow] = field(default_factory=list)
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None

    def as_dict(self) -> dict:
        return {
            "quarter": self.quarter, "confirmed": self.confirmed,
            "confirmed_at": self.confirmed_at.isoformat(sep=" ") if self.confirmed_at else None,
            "confirmed_by": self.confirmed_by,
            "red_flags": [a.as_dict() for a in self.red_flags],
            "business_models": [a.as_dict() for a in self.business_models],
            "discipline_models": [a.as_dict() for a in self.discipline_models],
        }


def _check_frozen(session: Session, q: Quarter) -> list[int]:
    keys = [m.key for m in q.months]
    frozen = {key: month_id for key, month_id in session.execute(
        select(AssessMonth.month, AssessMonth.id)
        .where(AssessMonth.month.in_(keys), AssessMonth.status == MonthStatus.frozen))}
    missing = [k for k in keys if k not in frozen]
    if missing:
        raise Conflict("assess.quarter_unfrozen", quarter=q.key, months=", ".join(missing))
    return list(frozen.values())


def _ranked(rows: list[AwardRow], limit: int) -> list[AwardRow]:
    rows.sort(key=lambda r: (-r.score_sum, r.deductions, -r.handled, r.target))
    chosen = rows[:limit]
    for position, row in enumerate(chosen, start=1):
        row.rank = position
    return chosen


def _propose(session: Session, q: Quarter, month_ids: list[int], flags: int) -> QuarterResult:
    n = len(month_ids)
    window_rows = session.execute(
        select(AssessScore.window_id, func.sum(AssessScore.score), func.sum(AssessScore.deductions),
               func.sum(AssessScore.handled), func.count())
        .where(AssessScore.month_id.in_(month_ids), AssessScore.window_id.is_not(None))
        .group_by(AssessScore.window_id)
    ).all()
    staff_rows = session.execute(
        select(AssessScore.staff_id, func.sum(AssessScore.business), func.sum(AssessScore.discipline),
               func.sum(AssessScore.deductions), func.sum(AssessScore.handled), func.count())
        .where(AssessScore.month_id.in_(month_ids), AssessScore.staff_id.is_not(None))
        .group_by(AssessScore.staff_id)
    ).all()
    windows = {w.id: (w, s) for w, s in session.execute(select(Window, Site).join(Site, Window.site_id == Site.id))}
    people = {p.id: p for p in session.scalars(
        select(Staff).where(Staff.id.in_([r[0] for r in staff_rows])))} if staff_rows else {}
    flag_candidates = []
    for window_id, total, deductions, handled, months in window_rows:
        if months != n:
            continue
        w, s = windows[window_id]
        flag_candidates.append(AwardRow(AwardKind.red_flag.value, 0, window_label(w, s), w.name, int(total),
                                        round(int(total) / n, 2), int(deductions), int(handled), w.id))
    business, discipline = [], []
    for staff_id, bus, dis, deductions, handled, months in staff_rows:
        if months != n:
            continue
        p = people[staff_id]
        business.append(AwardRow(AwardKind.business_model.value, 0, p.employee_no, p.name, int(bus),
                                 round(int(bus) / n, 2), int(deductions), int(handled), p.id))
        discipline.append(AwardRow(AwardKind.discipline_model.value, 0, p.employee_no, p.name, int(dis),
                                   round(int(dis) / n, 2), int(deductions), int(handled), p.id))
    return QuarterResult(
        quarter=q.key, confirmed=False, red_flags=_ranked(flag_candidates, flags),
        business_models=_ranked(business, AWARD_LIMITS[AwardKind.business_model]),
        discipline_models=_ranked(discipline, AWARD_LIMITS[AwardKind.discipline_model]),
    )


def _stored(session: Session, row: AssessQuarter) -> QuarterResult:
    result = QuarterResult(quarter=row.quarter, confirmed=True, confirmed_at=row.confirmed_at)
    by = session.get(Staff, row.confirmed_by_id) if row.confirmed_by_id else None
    result.confirmed_by = by.employee_no if by else None
    for award in session.scalars(select(AssessAward).where(AssessAward.quarter_id == row.id)
                                 .order_by(AssessAward.kind, AssessAward.rank)):
        kind = AwardKind(award.kind)
        if kind == AwardKind.red_flag:
            w = session.get(Window, award.window_id)
            target, name, target_id = window_label(w, session.get(Site, w.site_id)), w.name, w.id
        else:
            p = session.get(Staff, award.staff_id)
            target, name, target_id = p.employee_no, p.name, p.id
        item = AwardRow(kind.value, award.rank, target, name, award.score_sum, round(award.score_sum / 3, 2),
                        target_id=target_id)
        {AwardKind.red_flag: result.red_flags, AwardKind.business_model: result.business_models,
         AwardKind.discipline_model: result.discipline_models}[kind].append(item)
    return result


def _check_flags(flags: int | None) -> int:
    limit = AWARD_LIMITS[AwardKind.red_flag]
    if flags is None:
        return limit
    if not isinstance(flags, int) or flags < 0 or flags > limit:
        raise Invalid("assess.too_many_flags", field="flags", flags=flags, limit=limit)
    return flags


@use_case("assess.read")
def evaluate_quarter(ctx: Context, quarter: str, *, flags: int | None = None) -> QuarterResult:
    """The quarter's awards: as confirmed, or proposed from its three frozen months."""
    session = ctx.session
    q = parse_quarter(quarter)
    flags = _check_flags(flags)
    row = session.scalar(select(AssessQuarter).where(AssessQuarter.quarter == q.key))
    if row is not None:
        return _stored(session, row)
    return _propose(session, q, _check_frozen(session, q), flags)


@use_case("assess.manage", write=True, audit="assess.quarter_confirmed")
def confirm_quarter(ctx: Context, quarter: str, *, flags: int | None = None) -> QuarterResult:
    """Confirm the quarter's awards once: red flags (stars), business and discipline model staff.

    Refused when a month is not frozen, the quarter is already confirmed, or more
    flags are asked for than the rule allows.
    """
    session, actor = ctx.session, ctx.actor
    q = parse_quarter(quarter)
    flags = _check_flags(flags)
    if session.scalar(select(AssessQuarter.id).where(AssessQuarter.quarter == q.key)) is not None:
        raise Conflict("assess.quarter_confirmed", quarter=q.key)
    result = _propose(session, q, _check_frozen(session, q), flags)
    stamp = ctx.now()
    row = AssessQuarter(quarter=q.key, year=q.year, confirmed_at=stamp, confirmed_by_id=actor.id)
    session.add(row)
    session.flush()
    for award in result.red_flags:
        session.add(AssessAward(quarter_id=row.id, kind=AwardKind.red_flag, window_id=award.target_id,
                                rank=award.rank, score_sum=award.score_sum))
    for kind, awards in ((AwardKind.business_model, result.business_models),
                         (AwardKind.discipline_model, result.discipline_models)):
        for award in awards:
            session.add(AssessAward(quarter_id=row.id, kind=kind, staff_id=award.target_id, rank=award.rank,
                                    score_sum=award.score_sum))
    session.flush()
    for kind in AwardKind:
        count = session.scalar(select(func.count()).select_from(AssessAward)
                               .where(AssessAward.quarter_id == row.id, AssessAward.kind == kind))
        if count > AWARD_LIMITS[kind]:  # the database's checks make this unreachable; never write more
            raise Invalid("assess.too_many_flags", field="flags", flags=count, limit=AWARD_LIMITS[kind])
    result.confirmed = True
    result.confirmed_at = stamp
    result.confirmed_by = actor.employee_no
    ctx.audit("assess.quarter_confirmed", "assess_quarter", q.key, {
        "red_flags": [a.target for a in result.red_flags],
        "business_models": [a.target for a in result.business_models],
        "discipline_models": [a.target for a in result.discipline_models],
    })
    return result


def latest_confirmed(session: Session) -> AssessQuarter | None:
    """The most recent confirmed quarter."""
    return session.scalar(select(AssessQuarter).order_by(AssessQuarter.quarter.desc()).limit(1))


def _default_year(ctx: Context) -> int:
    """The year of the latest confirmed quarter, else this year (by the context's clock)."""
    latest = latest_confirmed(ctx.session)
    return latest.year if latest else ctx.today().year


@dataclass
class StarRow:
    """A window's stars in a year, the quarters that earned them and whether it holds the flag now."""

    window: str
    name: str
    stars: int
    quarters: list[str]
    red_flag: bool
    rank: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@use_case("assess.read")
def stars(ctx: Context, year: int | None = None) -> list[StarRow]:
    """Every assessed window's stars in ``year`` (default: the latest confirmed quarter's year,
    else this year), most stars first.

    Ties share a rank; within them windows go by number.  ``red_flag`` marks the
    windows holding the mobile red flag of the latest confirmed quarter.
    """
    return _star_rows(ctx, year)


def _star_rows(ctx: Context, year: int | None) -> list[StarRow]:
    """:func:`stars` without its permission: the star board shows them to the public too."""
    session = ctx.session
    if year is None:
        year = _default_year(ctx)
    if not isinstance(year, int) or not 1900 <= year <= 9999:
        raise Invalid("assess.bad_year", field="year", year=year)
    earned: dict[int, list[str]] = {}
    for window_id, quarter in session.execute(
        select(AssessAward.window_id, AssessQuarter.quarter).join(AssessQuarter)
        .where(AssessQuarter.year == year, AssessAward.kind == AwardKind.red_flag)
        .order_by(AssessQuarter.quarter)
    ):
        earned.setdefault(window_id, []).append(quarter)
    latest = latest_confirmed(session)
    holders = set()
    if latest is not None:
        holders = set(session.scalars(select(AssessAward.window_id).where(
            AssessAward.quarter_id == latest.id, AssessAward.kind == AwardKind.red_flag)))
    rows = [StarRow(window=window_label(w, s), name=w.name, stars=len(earned.get(w.id, [])),
                    quarters=earned.get(w.id, []), red_flag=w.id in holders)
            for w, s in assessed_windows(session)]
    rows.sort(key=lambda r: (-r.stars, r.window))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.stars != previous:
            rank, previous = position, row.stars
        row.rank = rank
    return rows


@dataclass
class StarBoard:
    """What the hall's star board shows: stars per window, the current flags and model staff."""

    year: int
    quarter: str | None
    windows: list[StarRow]
    business_models: list[AwardRow]
    discipline_models: list[AwardRow]

    def as_dict(self) -> dict:
        return {"year": self.year, "quarter": self.quarter, "windows": [w.as_dict() for w in self.windows],
                "business_models": [a.as_dict() for a in self.business_models],
                "discipline_models": [a.as_dict() for a in self.discipline_models]}


@use_case(PUBLIC)
def star_board(ctx: Context, year: int | None = None) -> StarBoard:
    """The star board: the year's stars and the latest confirmed quarter's model staff (public)."""
    latest = latest_confirmed(ctx.session)
    rows = _star_rows(ctx, year)
    if latest is None:
        return StarBoard(year or ctx.today().year, None, rows, [], [])
    result = _stored(ctx.session, latest)
    return StarBoard(year or latest.year, latest.quarter, rows, result.business_models, result.discipline_models)


def window_stars(session: Session, site_id: int) -> dict[str, int]:
    """Window number → stars (挂星) at a site: the red flags its windows won this assessment year.

    The hall display's stars provider (``fn(session, site_id)``, run inside the
    display's own read); the assessment year is the latest confirmed quarter's,
    and before any quarter is confirmed no window has a star.
    """
    latest = latest_confirmed(session)
    if latest is None:
        return {}
    year = latest.year
    rows = session.execute(
        select(Window.number, func.count())
        .join(AssessAward, AssessAward.window_id == Window.id)
        .join(AssessQuarter, AssessAward.quarter_id == AssessQuarter.id)
        .where(Window.site_id == site_id, AssessQuarter.year == year, AssessAward.kind == AwardKind.red_flag)
        .group_by(Window.number)
    )
    return {number: count for number, count in rows}
