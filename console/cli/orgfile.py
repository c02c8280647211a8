"""``hall org``: the hall's structure as one file — import and export (administrators).

The file format is :mod:`console.org.orgfile` (README: "Setting up a real hall").
Both act ``--as`` an administrator: the import needs ``org.manage`` and, for its
staff rows, ``staff.manage``; the export ``org.manage``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, run
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def _imported(result) -> str:
    counts = result.counts
    lines = [t("setup.imported", unchanged=sum(c["unchanged"] for c in counts.values()), **counts)]
    if result.new_staff:
        lines.append(t("setup.new_staff_no_pin", staff=", ".join(result.new_staff)))
    return "\n".join(lines)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A .csv or .xlsx organization file."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import sites, departments, windows and staff: all rows or none; existing codes are updated."""
    from console.org.orgfile_import import import_org

    report(import_org, file, text=_imported)


@app.command("export")
def export(
    file: Path = typer.Argument(..., metavar="FILE", help="Where to write: .csv (UTF-8 with BOM) or .xlsx."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the hall's structure (active staff, never PINs) in the format import reads."""
    from console.org.orgfile_import import export_org

    count = run(export_org, file)
    typer.echo(t("setup.exported", count=count, path=str(file)))
