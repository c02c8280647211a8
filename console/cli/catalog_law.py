"""``hall catalog rules``: an item's statutory limits, main materials (容缺) and fee waiver;
merged into the ``catalog`` group."""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("rules")
def rules(
    code: str = typer.Argument(..., metavar="CODE", help="Item code."),
    statutory_days: Optional[int] = typer.Option(None, "--statutory-days", help="The law's time limit when not 20 working days (0: back to 20)."),
    extension_limit: Optional[int] = typer.Option(None, "--extension-limit", help="The most days the one extension may add when not 10 (-1: back to 10)."),
    limit_basis: Optional[str] = typer.Option(None, "--limit-basis", help="The legal basis of a different limit."),
    main: Optional[str] = typer.Option(None, "--main", help="Positions of the main materials (容缺 needs all of them), e.g. 1,2."),
    fee_waiver: Optional[bool] = typer.Option(None, "--fee-waiver/--no-fee-waiver", help="Whether the fee may be waived."),
    fee_waiver_basis: Optional[str] = typer.Option(None, "--fee-waiver-basis", help="The legal basis of the fee waiver."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Show an item's statutory limits, main materials and fee waiver; with options, change them."""
    from console.catalog.law_rules import item_rules, set_item_rules
    from console.core.parsing import parse_positions

    changes: dict = {}
    if statutory_days is not None:
        changes["statutory_days"] = statutory_days or None
    if extension_limit is not None:
        changes["extension_limit"] = None if extension_limit < 0 else extension_limit
    if main is not None:
        changes["main_materials"] = parse_positions(main, "main_materials")
    for key, value in (("limit_basis", limit_basis), ("fee_waiver_allowed", fee_waiver),
                       ("fee_waiver_basis", fee_waiver_basis)):
        if value is not None:
            changes[key] = value
    table = lambda r: ([t("case.col_field"), t("case.col_value")],  # noqa: E731
                       [[k, ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v]
                        for k, v in r.as_dict().items()], r.code)
    if changes:
        report(set_item_rules, code, **changes, table=table)
    else:
        report(item_rules, code, table=table)
