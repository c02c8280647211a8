"""``hall settings``: the settings an administrator may change, each change audited."""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("list")
def list_(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The settings with their values and defaults."""
    from console.assess.hall_settings import list_settings

    report(list_settings, table=lambda rows: ([t("law.col_key"), t("law.col_value"), t("law.col_default")],
                                              [[r.key, r.value, r.default] for r in rows]))


@app.command("set")
def set_(
    key: str = typer.Argument(..., metavar="KEY", help="case.number_pattern, case.yellow_days, rating.default_after_days or rating.default_level."),
    value: str = typer.Argument(..., metavar="VALUE", help="The new value."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Change one setting (audited)."""
    from console.assess.hall_settings import set_setting

    report(set_setting, key, value, text=lambda r: t("law.setting_set", key=r.key, value=r.value))
