"""Hall Console data layer: SQLAlchemy models, engine set-up and Alembic migrations.

Importing this package imports every model module so that ``Base.metadata`` is
complete; it performs no I/O.
"""

from models.audit import AuditEvent, AuditHead, Setting
from models.base import Base
from models.calendar import CalendarDay, CalendarYear, DayKind
from models.cases import (
    ApplicantKind,
    Case,
    CaseExtension,
    CaseFee,
    CaseHop,
    CaseMaterial,
    CaseMonthStat,
    CaseSequence,
    CaseStatus,
    CaseSuspension,
    CreditBlacklist,
    Decision,
    FeeKind,
    Intake,
    IntakeStatus,
    PayMethod,
    SuspendReason,
)
from models.catalog import Item, Material
from models.org import (
    Department,
    Office,
    Role,
    Seal,
    Site,
    SiteKind,
    Staff,
    Window,
    WindowStatus,
    department_sites,
    window_departments,
)
from models.queue import (
    EventKind,
    Priority,
    QueueCounter,
    QueueService,
    Ticket,
    TicketEvent,
    TicketStatus,
    queue_service_items,
    queue_window_services,
)
from models.proxy import Enterprise, Project, ProjectItem, ProjectStatus, ProjectVisit
from models.trust import StaffSession

__all__ = [
    "StaffSession",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Department",
    "Item",
    "Material",
    "Office",
    "Role",
    "Seal",
    "Setting",
    "Site",
    "SiteKind",
    "Staff",
    "Window",
    "WindowStatus",
    "department_sites",
    "window_departments",
    "EventKind",
    "Priority",
    "QueueCounter",
    "QueueService",
    "Ticket",
    "TicketEvent",
    "TicketStatus",
    "queue_service_items",
    "queue_window_services",
    "CalendarDay",
    "CalendarYear",
    "DayKind",
    "ApplicantKind",
    "Case",
    "CaseExtension",
    "CaseFee",
    "CaseMaterial",
    "CaseMonthStat",
    "CaseSequence",
    "CaseStatus",
    "CaseSuspension",
    "Decision",
    "FeeKind",
    "Intake",
    "IntakeStatus",
    "PayMethod",
    "SuspendReason",
    "Enterprise",
    "Project",
    "ProjectItem",
    "ProjectStatus",
    "ProjectVisit",
]

from models.assess import (  # noqa: E402 - assessment (issue 6)
    AWARD_LIMITS,
    BAD_LEVELS,
    AssessAward,
    AssessEntry,
    AssessMonth,
    AssessQuarter,
    AssessRule,
    AssessScore,
    AssessScoreLine,
    AwardKind,
    MonthStatus,
    OnsiteDay,
    Rating,
    RatingLevel,
    RatingSource,
    Rectification,
    RectificationStatus,
    RuleCategory,
    TargetKind,
    WeeklyReview,
)

__all__ += [
    "AWARD_LIMITS", "AssessAward", "AssessEntry", "AssessMonth", "AssessQuarter", "AssessRule", "AssessScore",
    "AssessScoreLine", "AwardKind", "MonthStatus", "OnsiteDay", "RuleCategory", "TargetKind", "WeeklyReview",
    "BAD_LEVELS", "Rating", "RatingLevel", "RatingSource", "Rectification", "RectificationStatus",
]

from models.ops import TerminalBinding  # noqa: E402 - operations (issue 14)

__all__ += ["TerminalBinding"]
