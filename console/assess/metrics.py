"""The registry of data metrics that assessment rules count occurrences from.

A metric is a function ``metric(session, month_start, month_end)`` returning
``{(target_kind, target_id): count}`` where ``target_kind`` is ``"window"`` or
``"staff"``, ``target_id`` the row id and ``month_start <= day < month_end`` (the
first day of the month and the first day of the next).  A rule whose ``source``
names a metric deducts (or adds) its points once per counted occurrence for the
targets of the rule's kind.

Metrics register with :func:`register_metric`; the ones computed from the queue,
cases and ratings live in modules listed in :data:`METRIC_MODULES`, imported on
first use so that this module stays free of their models.  ``cases_handled`` is
special: it is not a rule source but the second tie-break of the rankings.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

MetricResult = dict[tuple[str, int], int]
Metric = Callable[[Session, date, date], MetricResult]

#: rule source meaning "occurrences are supervisor entries"
MANUAL = "manual"
#: the metric counting cases handled (used to break ties, not as a rule source)
HANDLED = "cases_handled"
#: the data metrics the default rules name; known even before their module registers them
STANDARD_METRICS = ("overdue_cases", "red_warnings", "bad_ratings", "service_time_breaches")
#: modules that register metrics when imported (added as the data they read exists)
METRIC_MODULES: list[str] = ["console.assess.data_metrics"]

_METRICS: dict[str, Metric] = {}
_loaded = False


def register_metric(name: str) -> Callable[[Metric], Metric]:
    """Decorator: register ``fn`` as the metric ``name`` (a later registration replaces it)."""

    def wrap(fn: Metric) -> Metric:
        _METRICS[name] = fn
        return fn

    return wrap


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in METRIC_MODULES:
            importlib.import_module(module)


def get_metric(name: str) -> Metric | None:
    """The metric registered as ``name``, or ``None``."""
    _load()
    return _METRICS.get(name)


def metric_names() -> list[str]:
    """Every registered metric name, sorted."""
    _load()
    return sorted(_METRICS)


def known_sources() -> set[str]:
    """What a rule's ``source`` may name: ``manual``, the standard metrics and every registered one."""
    return {MANUAL, *STANDARD_METRICS, *metric_names()} - {HANDLED}
