"""``hall assess month | breakdown | freeze | quarter | stars | frozen``: monthly scores, quarterly awards, stars.

Every command acts ``--as`` a staff member: reading needs ``assess.read``,
freezing a month and confirming a quarter ``assess.manage``.  Registered in
:mod:`console.cli.assess`.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from console.cli.assess_rules import STAFF_OPTION, WINDOW_OPTION
from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def _tables(header: str, tables: list[tuple[list[str], list[list[Any]], str | None]]) -> str:
    """``header`` and Rich ``tables`` (columns, rows, title) as one text, as :func:`emit_table` draws them."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    with console.capture() as captured:
        for columns, rows, title in tables:
            table = Table(title=title, show_lines=False)
            for column in columns:
                table.add_column(column)
            for row in rows:
                table.add_row(*("" if v is None else str(v) for v in row))
            console.print(table)
    return header + "\n" + captured.get().rstrip("\n")


# --------------------------------------------------------------------------- months


def _month_json(result, kind: Optional[str]) -> dict:
    data = result.as_dict()
    if kind in ("window", "staff"):
        data.pop("staff" if kind == "window" else "windows")
    return data


def _month_text(result, kind: Optional[str]) -> str:
    status = t("assess.status_frozen", at=result.frozen_at, by=result.frozen_by) if result.status == "frozen" \
        else t("assess.status_draft")
    tables = [
        ([t("assess.col_rank"), t("assess.col_target"), t("assess.col_name"), t("assess.col_score"),
          t("assess.col_business"), t("assess.col_discipline"), t("assess.col_deductions"),
          t("assess.col_breakdown")],
         [[r.rank, r.target, r.name, r.score, r.business, r.discipline, r.deductions,
           "; ".join(f"{ln.rule} {ln.points:+d}" + ("*" if ln.capped else "") for ln in r.lines)]
          for r in rows],
         t(f"assess.title_{label}s"))
        for rows, label in ((result.windows, "window"), (result.staff, "staff")) if not kind or kind == label
    ]
    return _tables(t("assess.month_header", month=result.month, status=status), tables)


@app.command("month")
def month(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only window or staff."),
    recompute: bool = typer.Option(False, "--recompute", help="Recompute the draft (refused once frozen)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """The month's 100-point scores with the breakdown: a draft until frozen."""
    from console.assess.months import compute_month, month_scores

    report(compute_month if recompute else month_scores, month,
           json=lambda r: _month_json(r, kind), text=lambda r: _month_text(r, kind))


def _breakdown_text(found) -> str:
    row = found.row
    return _tables(
        t("assess.breakdown_header", target=row.target, name=row.name, month=found.month, score=row.score,
          business=row.business, discipline=row.discipline, rank=row.rank),
        [([t("assess.col_rule"), t("assess.col_category"), t("assess.col_count"), t("assess.col_points"),
           t("assess.col_reason")],
          [[f"{ln.rule} {ln.rule_name}", t(f"assess.category_{ln.category}"), ln.count,
            f"{ln.points:+d}" + (" " + t("assess.capped") if ln.capped else ""), ln.reason] for ln in row.lines],
          None)],
    )


@app.command("breakdown")
def breakdown(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """One window's or staff member's score in a month, rule by rule."""
    from console.assess.months import score_breakdown

    report(score_breakdown, month, window=window, staff=staff, text=_breakdown_text)


@app.command("freeze")
def freeze(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Freeze a month's scores for good."""
    from console.assess.months import freeze_month

    report(freeze_month, month, text=lambda result: t(
        "assess.frozen_ok", month=result.month, windows=len(result.windows), staff=len(result.staff)))


@app.command("frozen")
def frozen(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_: Optional[str] = AS_OPTION) -> None:
    """List the frozen months."""
    from console.assess.months import frozen_months

    report(frozen_months, table=lambda rows: (
        [t("assess.col_month"), t("assess.col_frozen_at"), t("assess.col_by")],
        [[r["month"], r["frozen_at"], r["frozen_by"]] for r in rows],
    ))


# --------------------------------------------------------------------------- quarters and stars


def _quarter_text(result) -> str:
    return _tables(
        t("assess.quarter_header", quarter=result.quarter,
          status=t("assess.quarter_is_confirmed", by=result.confirmed_by) if result.confirmed
          else t("assess.quarter_is_proposed")),
        [([t("assess.col_rank"), t("assess.col_target"), t("assess.col_name"), t("assess.col_average")],
          [[a.rank, a.target, a.name, f"{a.average:.2f}"] for a in rows], t(title))
         for rows, title in ((result.red_flags, "assess.title_red_flags"),
                             (result.business_models, "assess.title_business_models"),
                             (result.discipline_models, "assess.title_discipline_models"))],
    )


@app.command("quarter")
def quarter(
    quarter: str = typer.Argument(..., metavar="YYYYQN", help="The quarter, e.g. 2026Q4."),
    confirm: bool = typer.Option(False, "--confirm", help="Confirm and record the awards."),
    flags: Optional[int] = typer.Option(None, "--flags", help="Red flags to award (at most the rule's 8)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The quarter's red flags and model staff from its three frozen months."""
    from console.assess.quarter import confirm_quarter, evaluate_quarter

    report(confirm_quarter if confirm else evaluate_quarter, quarter, flags=flags, text=_quarter_text)


@app.command("stars")
def stars_cmd(
    year: Optional[int] = typer.Option(None, "--year", help="Year (default: the latest confirmed quarter's)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """The year's ranking of windows by stars (one per red flag)."""
    from console.assess.quarter import stars

    report(stars, year, table=lambda rows: (
        [t("assess.col_rank"), t("assess.col_window"), t("assess.col_name"), t("assess.col_stars"),
         t("assess.col_quarters"), t("assess.col_red_flag")],
        [[r.rank, r.window, r.name, "★" * r.stars or "-", ", ".join(r.quarters),
          t("assess.yes") if r.red_flag else ""] for r in rows],
    ))
