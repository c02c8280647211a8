"""``hall demo``: build the demo hall in a fresh SQLite file and open the console on it.

The build runs on the settings' clock (the real time, or ``HALL_NOW``), read once:
the hall is the one of that moment.  Into a file, it is built beside the target
and moved into place only when complete, so a failed build leaves nothing behind.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from console.cli.common import STATE, emit_table
from console.core.i18n import t

DEFAULT_SEED = 2004  # console.demo.build.DEFAULT_SEED, repeated so --help stays light


def default_path() -> Path:
    """``demo.db`` in the user data directory."""
    from console.cli.missing import demo_file

    return demo_file()


def demo(
    path: Optional[Path] = typer.Option(
        None, "--path", metavar="FILE",
        help="SQLite file to build (replaced if it exists). Default: demo.db in the user data directory; "
             "with --db URL (before the command) an empty database there.",
    ),
    seed: int = typer.Option(DEFAULT_SEED, "--seed", metavar="N", help="Random seed: the same seed builds the same hall."),
    cases: int = typer.Option(0, "--cases", metavar="N", help="How many demo cases extensions should add."),
    open_: bool = typer.Option(True, "--open/--no-open", help="Open the console on the demo hall afterwards."),
) -> None:
    """Build the demo hall (the Dengfeng center at full scale), print the log-ins, open the console."""
    from console.cli import common
    from console.cli.progress import reporting
    from console.core.errors import Invalid
    from console.demo.target import build_file, build_into
    from models.engine import Database, normalize_url

    if cases < 0:
        raise Invalid("demo.bad_cases", field="cases")
    clock, current = common.clock(), common.settings()
    started = time.perf_counter()
    if path is None and STATE.db_url:
        from sqlalchemy.engine import make_url

        url = normalize_url(STATE.db_url)
        target = make_url(url).render_as_string(hide_password=True)
        typer.echo(t("demo.building", seed=seed, target=target))
        db = Database(url)
        try:
            db.ensure_schema()
            with reporting():
                result = build_into(db, clock=clock, seed=seed, cases=cases, settings=current)
        except BaseException:
            db.dispose()
            raise
    else:
        file = (path or default_path()).expanduser().resolve()
        if file.exists():
            typer.echo(t("demo.replacing", path=str(file)))
        target = str(file)
        typer.echo(t("demo.building", seed=seed, target=target))
        with reporting():
            result = build_file(file, clock=clock, seed=seed, cases=cases, settings=current)
        db = Database(f"sqlite:///{file}")
    try:
        typer.echo(t("demo.built", seconds=f"{time.perf_counter() - started:.1f}", **result.counts))
        _print_logins(result)
        if open_:
            from screens.apps.console import HallApp

            HallApp(db, clock=clock, settings=current).run()  # on the clock the hall was built on
        else:
            typer.echo(t("demo.open_hint", path=target))
    finally:
        db.dispose()


def _print_logins(result) -> None:
    from console.cli.staff import role_label
    from console.demo.build import DEMO_PIN

    emit_table(
        [t("demo.col_employee_no"), t("demo.col_name"), t("demo.col_role"), t("demo.col_window"),
         t("demo.col_where")],
        [[x.employee_no, x.name, role_label(x.role), x.window, x.where] for x in result.logins],
        title=t("demo.logins_title"),
    )
    typer.echo(t("demo.pin_note", pin=DEMO_PIN))
