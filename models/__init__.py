"""Hall Console data layer: SQLAlchemy models, engine set-up and Alembic migrations.

Importing this package imports nothing else: ``from models import Case`` imports the
module that defines ``Case`` (:pep:`562` ``__getattr__`` over :data:`WHERE`), so a
command that needs one table does not pay for every other.  ``Base.metadata`` is
complete whenever it matters: :func:`load_all` imports every model module, and runs
before SQLAlchemy configures the mappers the first time (a ``before_configured``
hook in :mod:`models.base`), when a :class:`~models.engine.Database` is made, and in
the migrations' environment and their comparison with the models.  It performs no I/O.
"""

from __future__ import annotations

import importlib
from typing import Any

#: the module that defines each public name
WHERE: dict[str, str] = {
    name: module
    for module, names in {
        "models.audit": (
            "AuditEvent", "AuditHead", "Setting",
        ),
        "models.base": (
            "Base",
        ),
        "models.calendar": (
            "CalendarDay", "CalendarYear", "DayKind",
        ),
        "models.cases": (
            "ApplicantKind", "Case", "CaseExtension", "CaseFee", "CaseHop", "CaseMaterial", "CaseMonthStat",
            "CaseSequence", "CaseStatus", "CaseSuspension", "CreditBlacklist", "Decision", "FeeKind", "Intake",
            "IntakeStatus", "PayMethod", "SuspendReason",
        ),
        "models.catalog": (
            "Item", "Material",
        ),
        "models.org": (
            "Department", "Office", "Seal", "Site", "SiteKind", "Staff", "Window", "WindowStatus",
            "department_sites", "window_departments",
        ),
        "models.queue": (
            "EventKind", "Priority", "QueueCounter", "QueueService", "Ticket", "TicketEvent", "TicketStatus",
            "queue_service_items", "queue_window_services",
        ),
        "models.proxy": (
            "Enterprise", "Project", "ProjectItem", "ProjectStatus", "ProjectVisit",
        ),
        "models.trust": (
            "StaffSession",
        ),
        "models.assess": (
            "AWARD_LIMITS", "BAD_LEVELS", "AssessAward", "AssessEntry", "AssessMonth", "AssessQuarter",
            "AssessRule", "AssessScore", "AssessScoreLine", "AwardKind", "MonthStatus", "OnsiteDay", "Rating",
            "RatingLevel", "RatingSource", "Rectification", "RectificationStatus", "RuleCategory", "TargetKind",
            "WeeklyReview",
        ),
        "models.ops": (
            "TerminalBinding",
        ),        "models.roles": ("Role",),
    }.items()
    for name in names
}

#: every module that defines tables (what :func:`load_all` imports)
MODEL_MODULES: tuple[str, ...] = tuple(dict.fromkeys(m for m in WHERE.values() if m not in ("models.base", "models.roles")))

__all__ = sorted(WHERE)


def __getattr__(name: str) -> Any:
    module = WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(WHERE))


def load_all() -> None:
    """Import every model module, so that ``Base.metadata`` has every table and every mapper its peers."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
