"""The root of the ``hall`` command line.

``hall`` with no command opens the console (Textual is imported only then).
Domain errors become a message on stderr and the exit code of their type
(:class:`console.core.exitcodes.ExitCode`).
"""

from __future__ import annotations

import sys
from typing import Optional

import typer
from console.cli.clicktext import install as install_click_texts
from console.cli.common import STATE
from console.cli.lazy import LazyGroup
from console.cli.params import install as install_plain_params
from console.core.i18n import set_language, t


def _is_click(error: BaseException) -> bool:
    """Whether ``error`` is one of click's own (a usage error, Exit, Abort), which click turns into output."""
    return any(c.__module__.split(".")[0] in ("click", "typer") for c in type(error).__mro__[:-2])


#: the arguments of the current invocation (for the log)
_ARGS: list[str] = []


class HallGroup(LazyGroup):
    """Maps domain and database errors raised by any sub-command to exit codes.

    Its sub-commands are those of :data:`console.cli.commandtable.COMMANDS`, each built when
    first used (:class:`console.cli.lazy.LazyGroup`) with ``--format`` and ``-o`` where it
    reports (:func:`console.cli.common.add_output_options`).
    """

    def main(self, args=None, *rest, **kwargs):  # noqa: D401 - click API
        """Remember the arguments of this invocation for the log."""
        global _ARGS
        _ARGS = list(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):  # noqa: D401 - click API
        from console.core.errors import classify

        import logging

        log = logging.getLogger("hall.cli")
        try:
            return super().invoke(ctx)
        except Exception as error:  # a typed error, or a database failure the classifier knows
            typed = classify(error)
            if typed is None:
                if _is_click(error):  # usage errors, exits and aborts: click reports them itself
                    raise
                log.exception("unexpected failure: hall %s", " ".join(_redacted(_ARGS)))
                if STATE.debug:
                    raise
                typer.echo(t("cli.error_prefix") + t("ops.unexpected", log=STATE.log_file or "-"), err=True)
                raise typer.Exit(1) from None
            log.info("refused (%s): %s", int(typed.exit_code), typed.message)
            typer.echo(t("cli.error_prefix") + typed.message, err=True)
            raise typer.Exit(int(typed.exit_code)) from None


app = typer.Typer(
    cls=HallGroup,
    name="hall",
    help="Hall Console: queue, intake, cases, proxy service and assessment of a government service hall.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"hall-console {version_text()}")
        raise typer.Exit()


def version_text() -> str:
    """The installed version (``importlib.metadata``), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hall-console")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without installing
        return "0+unknown"


def _start_logging(verbose: int, debug: bool) -> None:
    """The rotating log file and the terminal's log level (:mod:`console.cli.logs`); settings errors wait
    for the command, which reports them."""
    import logging

    from console.cli.common import settings
    from console.cli.logs import setup_logging

    try:
        current = settings()
    except Exception:  # noqa: BLE001 - a bad setting is reported by the command itself
        return
    path = setup_logging(current.state_dir, level=current.log_level, verbose=verbose, debug=debug)
    STATE.log_file = str(path) if path else None
    logging.getLogger("hall.cli").info("hall %s", " ".join(_redacted(_ARGS)))


def _redacted(args: list[str]) -> list[str]:
    """Arguments as logged: nothing after an option that names a secret."""
    out, hide = [], False
    for arg in args:
        out.append("***" if hide else arg)
        hide = arg in ("--pin",)
    return out


@app.callback()
def main(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help="Database URL or SQLite file (overrides HALL_DATABASE_URL)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Interface language: zh_CN or en (default: HALL_LANG, then the locale)."),
    verbose: int = typer.Option(0, "-v", "--verbose", count=True,
                                help="Log more on standard error: -v info, -vv debug (the log file always has info)."),
    debug: bool = typer.Option(False, "--debug", help="Log everything, and show the traceback of an unexpected error."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Print the version and exit."),
) -> None:
    """Hall Console. Without a command, opens the console."""
    STATE.reset()
    STATE.db_url = db
    STATE.lang = lang
    STATE.debug = debug
    set_language(lang)
    _start_logging(verbose, debug)
    if ctx.invoked_subcommand is None:
        from console.cli.common import database, settings
        from models.light import sqlite_file
        from models.urls import normalize_url

        from screens.apps.launch import launch

        url = normalize_url(settings().default_database_url)
        path = sqlite_file(url)  # the plain forms without SQLAlchemy: the console starts before it loads
        if path is None and url.startswith("sqlite"):
            from models.engine import sqlite_path

            path = sqlite_path(url)
        if path is not None and not path.is_file():  # a mistyped --db opens nothing and makes nothing
            from console.cli.missing import database_missing

            raise database_missing(path)
        launch(database, settings())


install_click_texts()
install_plain_params()


def run() -> None:
    """Entry point of the ``hall`` script: help texts in the chosen language."""
    from console.cli.helptext import language_from_argv, translated_command

    command = translated_command(language_from_argv(sys.argv[1:]))
    command.main(args=sys.argv[1:], prog_name="hall")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
