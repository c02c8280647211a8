"""``hall blacklist``: the hall's credit blacklist (失信名单), which bars 容缺 acceptance."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="CSV rows: id_no,name,reason,source,listed_on."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """Import listings with their source and date (all or nothing)."""
    from console.cases.credit import import_blacklist
    from console.cli.calendar import read_text_file

    report(import_blacklist, read_text_file(file), text=lambda n: t("law.blacklist_imported", count=n),
           json=lambda n: {"imported": n})


@app.command("list")
def list_(
    reveal: bool = typer.Option(False, "--reveal", help="Show the ID numbers in full (needs a role that may; "
                                                        "audited)."),
    as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION,
) -> None:
    """The listed applicants, newest listing first (ID numbers masked; --reveal shows them, audited)."""
    from console.cases.credit import list_blacklist
    from console.cases.reveal import reveal_blacklist

    report(reveal_blacklist if reveal else list_blacklist, table=lambda rows: (
        [t("case.col_applicant_id"), t("case.col_applicant"), t("law.col_reason"), t("law.col_source"),
         t("law.col_listed_on")],
        [[r.id_no, r.name, r.reason, r.source, r.listed_on.isoformat()] for r in rows]))
