"""Case and document numbers from a configurable pattern, unique across all terminals.

The pattern is the setting ``case.number_pattern`` (default ``{site}{year}{seq:06d}``:
site code, year, six-digit sequence).  Fields: ``site``, ``year``, ``month``,
``dept``, ``window``, ``seq``.  The sequence counts per *scope*: the pattern
rendered without its ``seq`` part, so ``{site}{year}…`` restarts every year at
every site.  The counter row is incremented with one ``UPDATE … SET value =
value + 1`` inside the caller's transaction: PostgreSQL locks the row until the
commit and SQLite's writers are serialised by ``BEGIN IMMEDIATE``, so two
terminals never get the same number (and a unique constraint backs it up).
"""

from __future__ import annotations

import re
import string
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import CaseSequence, Setting

from console.core.errors import Invalid
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

PATTERN_KEY = "case.number_pattern"
DEFAULT_PATTERN = "{site}{year}{seq:06d}"
FIELDS = {"site", "year", "month", "dept", "window", "seq"}
_SEQ = re.compile(r"\{seq(?::[^}]*)?\}")


def check_pattern(pattern: str) -> str:
    """A pattern must use only known fields, contain ``{seq}`` and fit 40 characters."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        raise Invalid("case.pattern_bad", field="pattern", pattern=pattern) from None
    if "seq" not in names or not names <= FIELDS:
        raise Invalid("case.pattern_bad", field="pattern", pattern=pattern)
    return pattern


def number_pattern(session: Session) -> str:
    """The configured case-number pattern."""
    row = session.get(Setting, PATTERN_KEY)
    return row.value if row is not None else DEFAULT_PATTERN


@use_case("catalog.manage", write=True, audit="case.number_pattern")
def set_number_pattern(ctx: Context, pattern: str) -> None:
    """Change the case-number pattern (administrators)."""
    check_pattern(pattern)
    row = ctx.session.get(Setting, PATTERN_KEY)
    if row is None:
        ctx.session.add(Setting(key=PATTERN_KEY, value=pattern))
    else:
        row.value = pattern
    ctx.audit("case.number_pattern", "setting", PATTERN_KEY, {"pattern": pattern})


def next_value(session: Session, scope: str) -> int:
    """Increment the counter of ``scope`` and return the new value."""
    bump = (update(CaseSequence).where(CaseSequence.scope == scope)
            .values(value=CaseSequence.value + 1).returning(CaseSequence.value))
    value = session.execute(bump).scalar()
    if value is not None:
        return value
    # first number of the scope: create the counter (another terminal may race us to it)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(CaseSequence).values(scope=scope, value=0).on_conflict_do_nothing())
    return session.execute(bump).scalar_one()


def number_fields(*, site: str, dept: str = "", window: str = "", at: datetime) -> dict[str, str]:
    """The pattern's fields (all but ``seq``) for a case at ``site`` accepted at ``at``."""
    return {"site": site, "year": f"{at.year:04d}", "month": f"{at.month:02d}", "dept": dept, "window": window}


def sequence_scope(pattern: str, fields: dict[str, str]) -> str:
    """The counter scope of ``pattern`` with ``fields``: the pattern rendered without its sequence."""
    return ("case:" + _SEQ.sub("#", pattern).format(**fields))[:80]


def next_number(session: Session, *, site: str, dept: str = "", window: str = "",
                at: datetime, pattern: str | None = None) -> str:
    """The next case number for ``site`` at time ``at``."""
    pattern = check_pattern(pattern or number_pattern(session))
    fields = number_fields(site=site, dept=dept, window=window, at=at)
    value = next_value(session, sequence_scope(pattern, fields))
    number = pattern.format(seq=value, **fields)
    if len(number) > 40:
        raise Invalid("case.pattern_bad", field="pattern", pattern=pattern)
    return number


def next_document_no(session: Session, kind: str, *, site: str, at: datetime) -> str:
    """A notice or decision number: ``{site}-{kind}-{year}-{seq:05d}`` (e.g. ``410185-GZ-2025-00001``)."""
    scope = f"doc:{kind}:{site}:{at.year}"
    value = next_value(session, scope[:80])
    return f"{site}-{kind}-{at.year}-{value:05d}"


def current_value(session: Session, scope: str) -> int:
    """The last value handed out in ``scope`` (0 if none)."""
    return session.scalar(select(CaseSequence.value).where(CaseSequence.scope == scope)) or 0
