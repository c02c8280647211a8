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

Many months in a row (the demo evaluating every month of its history) would scan
the same tables once per month and metric.  A metric may also register a *span*
form with :func:`register_span`: ``span(session, first, end)`` returns every month's
result at once, ``{month's first day: result}``.  Inside :func:`months_at_once`,
:func:`month_metric` answers the months of that span from one call of each span
form; elsewhere (and for a metric without one) it calls the metric for the month.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session

MetricResult = dict[tuple[str, int], int]
Metric = Callable[[Session, date, date], MetricResult]
SpanMetric = Callable[[Session, date, date], dict[date, MetricResult]]

#: rule source meaning "occurrences are supervisor entries"
MANUAL = "manual"
#: the metric counting cases handled (used to break ties, not as a rule source)
HANDLED = "cases_handled"
#: the data metrics the default rules name; known even before their module registers them
STANDARD_METRICS = ("overdue_cases", "red_warnings", "bad_ratings", "service_time_breaches")
#: modules that register metrics when imported (added as the data they read exists)
METRIC_MODULES: list[str] = ["console.assess.data_metrics"]

_METRICS: dict[str, Metric] = {}
_SPANS: dict[str, SpanMetric] = {}
#: where :func:`months_at_once` keeps its span and results in ``session.info``
_SPAN_KEY = "assess.months_at_once"
_loaded = False


def register_metric(name: str) -> Callable[[Metric], Metric]:
    """Decorator: register ``fn`` as the metric ``name`` (a later registration replaces it)."""

    def wrap(fn: Metric) -> Metric:
        _METRICS[name] = fn
        return fn

    return wrap


def register_span(name: str) -> Callable[[SpanMetric], SpanMetric]:
    """Decorator: register ``fn`` as the span form of the metric ``name`` (see the module's docstring)."""

    def wrap(fn: SpanMetric) -> SpanMetric:
        _SPANS[name] = fn
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


@contextmanager
def months_at_once(session: Session, first: date, end: date) -> Iterator[None]:
    """Inside the block, :func:`month_metric` answers each month from ``first`` (a first day) to ``end``
    (the first day after the last month) from one query per metric over the whole span.

    Only while the data the metrics read does not change inside the span (the
    demo freezing its past months, one after the other).
    """
    session.info[_SPAN_KEY] = (first, end, {})
    try:
        yield
    finally:
        session.info.pop(_SPAN_KEY, None)


def month_metric(session: Session, name: str, start: date, end: date) -> MetricResult:
    """The metric ``name`` for the month ``start <= day < end`` (empty when no such metric)."""
    _load()
    span = session.info.get(_SPAN_KEY)
    if span is not None and name in _SPANS and span[0] <= start and end <= span[1]:
        first, last, results = span
        if name not in results:
            results[name] = _SPANS[name](session, first, last)
        return dict(results[name].get(start, {}))
    fn = _METRICS.get(name)
    return dict(fn(session, start, end)) if fn else {}
