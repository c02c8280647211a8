"""Hall Console data layer: SQLAlchemy models, engine set-up and Alembic migrations.

Importing this package imports nothing else: ``from models import Case`` imports the
module that defines ``Case`` (:pep:`562` ``__getattr__`` over :data:`WHERE`), so a
command that needs one table does not pay for every other.  A model module is never
alone: :data:`NEEDS` names the modules its foreign keys and relationships refer to,
and before SQLAlchemy configures the mappers (a ``before_configured`` hook in
:mod:`models.base`) :func:`load` imports those of every model module imported so far
— a queue command defines and configures the organization's, the catalog's and the
queue's mappers, not the cases' nor the assessment's.  ``Base.metadata`` is complete
where every table matters: :func:`load_all` runs in the migrations' environment and
in their comparison with the models.  It performs no I/O.
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
            "KeptForm", "StaffSession",
        ),
        "models.assess": (
            "AWARD_LIMITS", "BAD_LEVELS", "AssessAward", "AssessEntry", "AssessMonth", "AssessQuarter",
            "AssessRule", "AssessScore", "AssessScoreLine", "AwardKind", "MonthStatus", "OnsiteDay", "Rating",
            "RatingLevel", "RatingSource", "Rectification", "RectificationStatus", "RuleCategory", "TargetKind",
            "WeeklyReview",
        ),
        "models.ops": (
            "TerminalBinding",
        ),
        "models.roles": ("Role",),
    }.items()
    for name in names
}

#: every module that defines tables (what :func:`load_all` imports)
MODEL_MODULES: tuple[str, ...] = tuple(dict.fromkeys(m for m in WHERE.values() if m not in ("models.base", "models.roles")))

#: the other model modules each module's mappers need, to be configured and to write their rows: those
#: whose classes its relationships name, and whose tables the foreign keys of its mapped tables (and of
#: the tables its relationships join through) reference.  A plain table's other foreign keys are left
#: out: ``queue_service_items`` → ``items`` is resolved when the catalog is imported, by the code that
#: uses that table.  ``tests/test_model_loading.py`` checks this against the loaded mappers.
NEEDS: dict[str, tuple[str, ...]] = {
    "models.org": (),
    "models.audit": ("models.org",),
    "models.calendar": ("models.org",),
    "models.catalog": ("models.org",),
    "models.queue": ("models.org",),
    "models.trust": ("models.org",),
    "models.ops": ("models.org",),
    "models.cases": ("models.org", "models.catalog", "models.queue"),
    "models.proxy": ("models.org", "models.catalog", "models.cases"),
    "models.assess": ("models.org", "models.queue", "models.cases"),
}

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


def needed(*modules: str) -> tuple[str, ...]:
    """``modules`` and every model module they need (:data:`NEEDS`, followed through), in
    :data:`MODEL_MODULES` order."""
    wanted: set[str] = set()
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module not in wanted:
            wanted.add(module)
            todo.extend(NEEDS[module])
    return tuple(m for m in MODEL_MODULES if m in wanted)


def load(*modules: str) -> None:
    """Import the model ``modules`` and those they need: their mappers can then be configured and their
    rows written, every foreign key and relationship finding its table and class."""
    for module in needed(*modules):
        importlib.import_module(module)


def load_loaded() -> None:
    """:func:`load` for every model module imported so far (before the mappers are configured)."""
    import sys

    load(*(m for m in MODEL_MODULES if m in sys.modules))


def load_all() -> None:
    """Import every model module, so that ``Base.metadata`` has every table and every mapper its peers."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
