"""``hall check``: validate one resident ID number, credit code or phone (exit 0 or 4).

Public: no log-in, and no database either (the checks are pure); a resident ID's
birth date is checked against the hall clock's date.
"""

from __future__ import annotations

import typer

from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("id")
def check_id(value: str = typer.Argument(..., help="An 18-character resident ID number.")) -> None:
    """Check a resident ID number (GB 11643): check digit, birth date, region code."""
    from console.cli.common import clock
    from console.core.personal import validate_resident_id

    info = validate_resident_id(value, today=clock().today())
    typer.echo(t("personal.valid_id", birth=info.birth_date.isoformat(), sex=t(f"personal.sex_{info.sex}"),
                 province=info.province, county=info.county))


@app.command("uscc")
def check_uscc(value: str = typer.Argument(..., help="An 18-character unified social credit code.")) -> None:
    """Check a unified social credit code (GB 32100)."""
    from console.core.personal import validate_uscc

    typer.echo(t("personal.valid_uscc", value=validate_uscc(value)))


@app.command("phone")
def check_phone(value: str = typer.Argument(..., help="A mobile or landline number.")) -> None:
    """Check a mobile or landline phone number."""
    from console.core.personal import validate_phone

    typer.echo(t("personal.valid_phone", value=validate_phone(value)))
