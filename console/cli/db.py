"""``hall db``: init (a new hall), upgrade, downgrade, status, check and backup of the database.

Infrastructure, not use cases: these commands work on the database itself (its
schema, its file), with the URL from the settings (:func:`console.cli.common.settings`,
``--db`` over them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, database, run, show
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("upgrade")
def upgrade(db: Optional[str] = DB_OPTION) -> None:
    """Apply every pending migration."""
    from models.migrate import current_revisions, upgrade as do_upgrade

    handle = database(ensure=False, create=True)
    do_upgrade(handle.engine)
    typer.echo(t("db.upgraded", revisions=", ".join(sorted(current_revisions(handle.engine)))))


@app.command("status")
def status(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Show the database, its schema revision and whether it is current."""
    from models.migrate import current_revisions, script_heads

    handle = database(ensure=False)
    current = sorted(current_revisions(handle.engine))
    heads = sorted(script_heads())
    info = {
        "url": handle.url,
        "backend": handle.backend,
        "revisions": current,
        "heads": heads,
        "current": current == heads,
    }
    show(info, text=lambda i: "\n".join([
        t("db.status_url", url=i["url"]),
        t("db.status_backend", backend=i["backend"]),
        t("db.status_revision", revisions=", ".join(i["revisions"]) or "-"),
        t("db.status_current") if i["current"] else t("db.status_behind", heads=", ".join(i["heads"])),
    ]))


@app.command("downgrade")
def downgrade(
    revision: str = typer.Argument(..., metavar="REV", help="Revision to go back to (hall db status lists them), or base."),
    yes: bool = typer.Option(False, "--yes", help="Confirm: tables and data of the later revisions are dropped."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Undo migrations down to REV (back up first: data of the later revisions is lost); the database's owner only."""
    from console.core.errors import Invalid
    from models.migrate import current_revisions, downgrade as do_downgrade, known_revisions

    known = known_revisions()
    if revision not in known:
        raise Invalid("ops.db_unknown_revision", field="REV", revision=revision, known=", ".join(known))
    if not yes:
        raise Invalid("ops.db_downgrade_confirm", field="yes", revision=revision)
    handle = database(ensure=False)
    from console.core.errors import PermissionDenied
    from console.org.recovery import owns_database

    with handle.engine.connect() as connection:  # dropping tables: the database's owner only
        if not owns_database(connection):
            raise PermissionDenied("ops.db_downgrade_not_owner")
    do_downgrade(handle.engine, revision)
    typer.echo(t("ops.db_downgraded", revisions=", ".join(sorted(current_revisions(handle.engine))) or "base"))


@app.command("check")
def check(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Check that the database is at the newest revision and its tables match the models."""
    from console.core.errors import IntegrityBroken
    from models.migrate import current_revisions, schema_differences, script_heads

    handle = database(ensure=False)
    current, heads = sorted(current_revisions(handle.engine)), sorted(script_heads())
    differences = schema_differences(handle.engine) if current == heads else []
    info = {"revisions": current, "heads": heads, "current": current == heads, "differences": differences,
            "ok": current == heads and not differences}
    show(info, text=lambda i: "\n".join(
        [t("ops.db_check_ok") if i["ok"] else t("ops.db_check_bad")]
        + ([] if i["current"] else [t("db.status_behind", heads=", ".join(i["heads"]))])
        + [f"  {d}" for d in i["differences"]]))
    if not info["ok"]:
        raise IntegrityBroken("ops.db_check_failed")


@app.command("backup")
def backup(
    target: Path = typer.Argument(..., metavar="FILE", help="Where to write the copy."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Copy a SQLite database with the online backup API (an administrator; PostgreSQL: use pg_dump)."""
    from console.org.backup import backup_database

    from console.cli.progress import reporting

    with reporting():
        written = run(backup_database, target)
    typer.echo(t("db.backup_done", path=str(written)))


@app.command("init")
def init(
    site: str = typer.Option(..., "--site", metavar="CODE", help="Code of the center (行政服务中心), e.g. 410185."),
    site_name: str = typer.Option(..., "--site-name", metavar="NAME", help="Name of the center."),
    admin: str = typer.Option(..., "--admin", metavar="EMPLOYEE_NO", help="Employee number of the first administrator."),
    name: str = typer.Option(..., "--name", metavar="NAME", help="The administrator's full name."),
    pin_from_env: bool = typer.Option(False, "--pin-from-env", help="Take the new PIN from HALL_NEW_PIN instead of asking."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Set up a new hall: the schema, the center and its first administrator (the database's owner, no staff yet)."""
    from console.cli.common import runner
    from console.cli.staff import new_pin
    from console.org.initial import found_hall, may_found

    database(create=True)  # a new SQLite file, or an empty database, gets the current schema first
    runner().run(may_found)  # refused before the PIN is asked for
    pin = new_pin(pin_from_env)
    done = runner().run(found_hall, site=site, site_name=site_name, admin=admin, name=name, pin=pin)
    show(done, text=lambda d: "\n".join([
        t("setup.initialized", site=d.site, site_name=d.site_name, admin=d.admin, name=d.admin_name),
        t("setup.init_next", admin=d.admin)]))
