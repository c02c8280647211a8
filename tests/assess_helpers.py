"""Helpers of the assessment tests: a bigger hall, entries, freezing a quarter.

Entries and freezing run through the test's ``runner`` (its fixed clock) as the
staff member ``who``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Role, Site, SiteKind, Staff, Window
from tests import factories
from tests.factories import actor

#: a quarter well before the tests' clock (TEST_NOW, March 2026)
QUARTER = "2025Q3"
MONTHS = ("2025-07", "2025-08", "2025-09")


def ensure_rules(db) -> None:
    from console.assess.rules import ensure_default_rules

    with db.write() as s:
        ensure_default_rules(s)


def grow_hall(db, windows: int = 12, clerks: int = 14) -> None:
    """Add center windows 11.. and clerks K001.. (one per window, the rest without one)."""
    with db.write() as s:
        center = s.scalar(select(Site).where(Site.kind == SiteKind.center))
        made = []
        for i in range(windows):
            w = Window(site_id=center.id, number=f"{11 + i:02d}", name=f"窗口{11 + i}")
            s.add(w)
            made.append(w)
        s.flush()
        for i in range(clerks):
            s.add(Staff(employee_no=f"K{i + 1:03d}", name=f"职员{i + 1}", role=Role.clerk, site_id=center.id,
                        window_id=made[i].id if i < len(made) else None, pin_hash=factories.pin_hash(),
                        created_at=factories.CREATED_AT))


def entry(runner, rule: str, day: date, *, window: str | None = None, staff: str | None = None,
          reason: str = "督查发现", points: int | None = None, who: str = "S001"):
    from console.assess.rules import add_entry

    return runner.run(add_entry, rule, on_date=day, reason=reason, window=window, staff=staff, points=points,
                      actor=actor(runner.db, who))


def freeze(runner, *months: str, who: str = "S001"):
    from console.assess.months import freeze_month

    supervisor = actor(runner.db, who)
    return [runner.run(freeze_month, month, actor=supervisor) for month in months]
