"""Assessment: rules, supervisor entries, monthly 100-point scores, quarterly awards, reviews, on-site days.

* :class:`AssessRule` — a deduction or bonus as *data*: what it targets (a window or a
  staff member), its category (business or discipline), the points per occurrence
  (negative deducts, positive adds), an optional monthly cap and where its
  occurrences come from (a named data metric, or ``manual`` for supervisor entries).
* :class:`AssessEntry` — a supervisor's entry under a manual rule (lateness, absence,
  a praise letter…) against one window or staff member on one date, with its reason.
* :class:`AssessMonth` / :class:`AssessScore` / :class:`AssessScoreLine` — a month's
  stored scores and the breakdown behind each; once the month is frozen its rows
  never change.
* :class:`AssessQuarter` / :class:`AssessAward` — a confirmed quarterly evaluation and
  its awards: red flags (流动红旗, at most 8: the database refuses a ninth), business
  and discipline model staff (业务标兵 / 纪律标兵, at most 10 each).
* :class:`WeeklyReview` — a supervisor's weekly review (周点评) of a window or staff member.
* :class:`OnsiteDay` — a department head's day at the hall's windows (一把手现场办公).

A row about "a window or a staff member" has both ``window_id`` and ``staff_id``
columns; a check constraint makes exactly the one named by ``target_kind`` set.

Time stamps (``updated_at``, ``entered_at``, ``rated_at`` …) have no default: the use
cases of :mod:`console.assess` set them from the clock of their context.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, enum_column
from models.org import Department, Staff, Window


class TargetKind(str, enum.Enum):
    """What an assessment rule, entry, score or review is about."""

    window = "window"
    staff = "staff"


class RuleCategory(str, enum.Enum):
    """Business rules feed the business score, discipline rules the discipline score."""

    business = "business"
    discipline = "discipline"


class MonthStatus(str, enum.Enum):
    """A month's stored scores are a draft until a supervisor freezes them."""

    draft = "draft"
    frozen = "frozen"


class AwardKind(str, enum.Enum):
    """The three quarterly awards."""

    red_flag = "red_flag"
    business_model = "business_model"
    discipline_model = "discipline_model"


#: at most this many awards of each kind per quarter (the hall's rule; also checked by the database)
AWARD_LIMITS = {AwardKind.red_flag: 8, AwardKind.business_model: 10, AwardKind.discipline_model: 10}


#: exactly the column named by ``target_kind`` is set
_ONE_TARGET = (
    "(target_kind = 'window' AND window_id IS NOT NULL AND staff_id IS NULL) OR "
    "(target_kind = 'staff' AND staff_id IS NOT NULL AND window_id IS NULL)"
)


class AssessRule(Base):
    """A deduction or bonus an administrator edits: points per occurrence, cap, source."""

    __tablename__ = "assess_rules"
    __table_args__ = (
        CheckConstraint("points <> 0", name="points_nonzero"),
        CheckConstraint("monthly_cap IS NULL OR monthly_cap > 0", name="cap_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    target: Mapped[TargetKind] = mapped_column(enum_column(TargetKind, "assess_target"))
    category: Mapped[RuleCategory] = mapped_column(enum_column(RuleCategory, "assess_category"))
    #: per occurrence: negative deducts, positive adds
    points: Mapped[int] = mapped_column(Integer)
    #: at most this many points (either way) per target and month; ``None``: no cap
    monthly_cap: Mapped[int | None] = mapped_column(Integer)
    #: a metric name of :mod:`console.assess.metrics`, or ``manual`` for supervisor entries
    source: Mapped[str] = mapped_column(String(40), default="manual")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AssessEntry(Base):
    """A supervisor's entry under a manual rule, against one window or staff member on one date."""

    __tablename__ = "assess_entries"
    __table_args__ = (CheckConstraint(_ONE_TARGET, name="one_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("assess_rules.id"), index=True)
    target_kind: Mapped[TargetKind] = mapped_column(enum_column(TargetKind, "assess_target"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    #: the points this entry counts for (the rule's points unless the supervisor set others)
    points: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    entered_at: Mapped[datetime] = mapped_column(DateTime)

    rule: Mapped[AssessRule] = relationship()
    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])
    staff: Mapped[Staff | None] = relationship(foreign_keys=[staff_id])


class AssessMonth(Base):
    """A month whose scores are stored: a draft, or frozen for good."""

    __tablename__ = "assess_months"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ``YYYY-MM``
    month: Mapped[str] = mapped_column(String(7), unique=True)
    status: Mapped[MonthStatus] = mapped_column(enum_column(MonthStatus, "assess_month_status"))
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    computed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    scores: Mapped[list[AssessScore]] = relationship(
        back_populates="month", cascade="all, delete-orphan", order_by="AssessScore.id"
    )


class AssessScore(Base):
    """One window's or staff member's score in a month: total, business and discipline parts."""

    __tablename__ = "assess_scores"
    __table_args__ = (
        CheckConstraint(_ONE_TARGET, name="one_target"),
        UniqueConstraint("month_id", "window_id"),
        UniqueConstraint("month_id", "staff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month_id: Mapped[int] = mapped_column(ForeignKey("assess_months.id", ondelete="CASCADE"))
    target_kind: Mapped[TargetKind] = mapped_column(enum_column(TargetKind, "assess_target"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    business: Mapped[int] = mapped_column(Integer)
    discipline: Mapped[int] = mapped_column(Integer)
    #: occurrences behind deductions (the first tie-break)
    deductions: Mapped[int] = mapped_column(Integer, default=0)
    #: cases handled in the month (the second tie-break)
    handled: Mapped[int] = mapped_column(Integer, default=0)
    rank: Mapped[int] = mapped_column(Integer)

    month: Mapped[AssessMonth] = relationship(back_populates="scores")
    lines: Mapped[list[AssessScoreLine]] = relationship(
        back_populates="score", cascade="all, delete-orphan", order_by="AssessScoreLine.id"
    )


class AssessScoreLine(Base):
    """One rule's part of a score: occurrences, points and the reason (a copy, not a link)."""

    __tablename__ = "assess_score_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    score_id: Mapped[int] = mapped_column(ForeignKey("assess_scores.id", ondelete="CASCADE"), index=True)
    rule_code: Mapped[str] = mapped_column(String(30))
    rule_name: Mapped[str] = mapped_column(String(100))
    category: Mapped[RuleCategory] = mapped_column(enum_column(RuleCategory, "assess_category"))
    count: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    capped: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")

    score: Mapped[AssessScore] = relationship(back_populates="lines")


class AssessQuarter(Base):
    """A confirmed quarterly evaluation (季度评比): ``2026Q4``."""

    __tablename__ = "assess_quarters"

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(6), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    awards: Mapped[list[AssessAward]] = relationship(
        back_populates="quarter", cascade="all, delete-orphan", order_by="(AssessAward.kind, AssessAward.rank)"
    )


class AssessAward(Base):
    """One award of a quarter; ``rank`` is unique per kind and within the hall's limit."""

    __tablename__ = "assess_awards"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'red_flag' AND window_id IS NOT NULL AND staff_id IS NULL AND rank BETWEEN 1 AND 8) OR "
            "(kind <> 'red_flag' AND staff_id IS NOT NULL AND window_id IS NULL AND rank BETWEEN 1 AND 10)",
            name="within_limit",
        ),
        UniqueConstraint("quarter_id", "kind", "rank"),
        UniqueConstraint("quarter_id", "kind", "window_id"),
        UniqueConstraint("quarter_id", "kind", "staff_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter_id: Mapped[int] = mapped_column(ForeignKey("assess_quarters.id", ondelete="CASCADE"))
    kind: Mapped[AwardKind] = mapped_column(enum_column(AwardKind, "assess_award_kind"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    #: the sum of the three months' scores the award was decided on
    score_sum: Mapped[int] = mapped_column(Integer)

    quarter: Mapped[AssessQuarter] = relationship(back_populates="awards")
    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])
    staff: Mapped[Staff | None] = relationship(foreign_keys=[staff_id])


class WeeklyReview(Base):
    """A supervisor's weekly review (周点评) of a window or a staff member."""

    __tablename__ = "assess_reviews"
    __table_args__ = (CheckConstraint(_ONE_TARGET, name="one_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the Monday of the week reviewed
    week_start: Mapped[date] = mapped_column(Date, index=True)
    target_kind: Mapped[TargetKind] = mapped_column(enum_column(TargetKind, "assess_target"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])
    staff: Mapped[Staff | None] = relationship(foreign_keys=[staff_id])
    author: Mapped[Staff] = relationship(foreign_keys=[author_id])


class OnsiteDay(Base):
    """A department head's day at the hall's windows (一把手现场办公)."""

    __tablename__ = "assess_onsite_days"
    __table_args__ = (
        UniqueConstraint("department_id", "day"),
        CheckConstraint("solved >= 0", name="solved_nonnegative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    head_name: Mapped[str] = mapped_column(String(50))
    day: Mapped[date] = mapped_column(Date, index=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"))
    #: what was solved, in words, and how many problems
    problems: Mapped[str] = mapped_column(Text, default="")
    solved: Mapped[int] = mapped_column(Integer, default=0)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    department: Mapped[Department] = relationship()
    window: Mapped[Window | None] = relationship()


class RatingLevel(str, enum.Enum):
    """The national five-level applicant rating (好差评)."""

    very_satisfied = "very_satisfied"
    satisfied = "satisfied"
    basic = "basic"
    dissatisfied = "dissatisfied"
    very_dissatisfied = "very_dissatisfied"


#: the bad ratings (差评): they need a reason and open a rectification
BAD_LEVELS = (RatingLevel.dissatisfied, RatingLevel.very_dissatisfied)


class RatingSource(str, enum.Enum):
    """Who gave the rating: the applicant on the rating screen, the clerk, or the 7-day default."""

    applicant = "applicant"
    clerk = "clerk"
    default = "default"


class RectificationStatus(str, enum.Enum):
    """A bad rating's rectification (整改) is open until a supervisor closes it after a call-back."""

    open = "open"
    closed = "closed"


class Rating(Base):
    """One applicant's rating of one visit (a queue ticket and/or a case).

    The database holds the rules: at most one rating per ticket and per case
    (unique columns), a visit named, and a reason for every bad rating.
    """

    __tablename__ = "ratings"
    __table_args__ = (
        CheckConstraint("ticket_id IS NOT NULL OR case_id IS NOT NULL", name="visit_named"),
        CheckConstraint("level NOT IN ('dissatisfied', 'very_dissatisfied') OR length(trim(reason)) > 0",
                        name="bad_needs_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("queue_tickets.id"), unique=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    level: Mapped[RatingLevel] = mapped_column(enum_column(RatingLevel, "rating_level"))
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[RatingSource] = mapped_column(enum_column(RatingSource, "rating_source"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    rated_at: Mapped[datetime] = mapped_column(DateTime)
    rated_on: Mapped[date] = mapped_column(Date, index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    rectification: Mapped[Rectification | None] = relationship(back_populates="rating", uselist=False)


class Rectification(Base):
    """The rectification a bad rating opens: due in 15 working days, closed with a recorded call-back."""

    __tablename__ = "rating_rectifications"
    __table_args__ = (
        CheckConstraint("status = 'open' OR length(trim(callback)) > 0", name="closed_needs_callback"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("ratings.id"), unique=True)
    status: Mapped[RectificationStatus] = mapped_column(enum_column(RectificationStatus, "rectification_status"))
    opened_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    callback: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    rating: Mapped[Rating] = relationship(back_populates="rectification")
