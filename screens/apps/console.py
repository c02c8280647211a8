"""The Textual App of Hall Console: log-in, home, the screens of the registry.

``HallApp(db)`` takes its data layer as an argument (a
:class:`models.engine.Database`, or a zero-argument callable that builds one)
and never touches it on the UI thread: the schema check runs in a thread worker
right after the first frame, and screens reach the database only through
:meth:`HallApp.database` inside their own workers (:mod:`screens.shell.base`).

Start-up is kept cheap: only the log-in screen is imported before the first
frame; every other screen is imported when it is first opened
(:mod:`screens.shell.registry`).

Errors of every worker end in one place, :meth:`HallApp.on_worker_state_changed`:
a :class:`console.core.errors.HallError` is shown as its message; a busy or
unreachable database as a plain translated sentence; anything else as a
generic message, with the traceback in the log.

Keys can be remapped by the user in ``keymap.toml`` in the config directory
(see :mod:`screens.shell.keymap` and the README section "Keys").
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from console.core.errors import HallError
from console.core.i18n import get_language, set_language, t
from screens.shell.base import localize_bindings

if TYPE_CHECKING:  # pragma: no cover
    from console.core.auth import Actor
    from console.org.session_info import SessionInfo
    from models.engine import Database

log = logging.getLogger("hall.console")

SCREENS_DIR = Path(__file__).resolve().parent.parent


def hall_now() -> datetime:
    """The hall's wall clock (``HALL_TZ``, default Asia/Shanghai), naive; as :func:`models.base.now`."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(os.environ.get("HALL_TZ", "Asia/Shanghai"))).replace(tzinfo=None, microsecond=0)


def _screen_commands():
    from screens.shell.commands import ScreenCommands

    return ScreenCommands


def _login_screen():
    from screens.shell.login import LoginScreen

    return LoginScreen()


def _system_commands():
    from textual.system_commands import SystemCommandsProvider

    return SystemCommandsProvider


class HallApp(App):
    """The console: a log-in screen at the bottom of the stack, home and the registry's screens above it.

    Arguments:
        db: the :class:`~models.engine.Database`, or a callable returning one
            (called in a worker thread, so that SQLAlchemy is not imported before
            the first frame).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language (``--lang``,
            ``HALL_LANG``, the locale).
        config_dir: where ``keymap.toml`` is read from; default ``HALL_CONFIG_DIR``,
            else the platform's user config directory for ``hall-console``.
        now: the clock shown in the header (tests fix it).
        cursor_blink: ``False`` stops the text cursor blinking (snapshot tests).
    """

    TITLE = "Hall Console"
    #: every stylesheet under screens/ (apps/hall.tcss first), each parsed once at start-up.
    #: Screens do not set CSS_PATH: a screen's own stylesheet would make Textual re-parse
    #: all CSS when the screen first opens.  A screen's sheet lives beside it
    #: (``screens/<part>/<name>.tcss``) and is found here by itself.
    CSS_PATH = [str(SCREENS_DIR / "apps" / "hall.tcss")] + sorted(
        str(p) for p in SCREENS_DIR.rglob("*.tcss") if p.name != "hall.tcss")
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set] = {_screen_commands, _system_commands}

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+p", "command_palette", "ui.key.palette", tooltip="ui.tip.palette",
                id="app.palette", priority=True, show=False),
        Binding("f10", "logout", "ui.key.logout", tooltip="ui.tip.logout", id="app.logout"),
        Binding("f1", "toggle_keys", "ui.key.keys", tooltip="ui.tip.keys", id="app.keys"),
        Binding("ctrl+q", "quit", "ui.key.quit", tooltip="ui.tip.quit", id="app.quit", priority=True),
    ]
    """Keys everywhere: Ctrl+P palette, F10 log out, F1 the keys panel, Ctrl+Q quit.

    Descriptions and tooltips are message keys, translated per instance
    (:func:`screens.shell.base.localize_bindings`); ids are what ``keymap.toml`` remaps.
    """

    def __init__(
        self,
        db: Database | Callable[[], Database],
        *,
        lang: str | None = None,
        config_dir: str | os.PathLike | None = None,
        now: Callable[[], datetime] | None = None,
        cursor_blink: bool = True,
        **kwargs: Any,
    ) -> None:
        if lang is not None:
            set_language(lang)
        self.lang = get_language()
        super().__init__(**kwargs)
        localize_bindings(self)
        self.title = t("ui.app.title")
        self._db_source = db
        self._db: Database | None = None
        self._db_error: BaseException | None = None
        self._db_ready = threading.Event()
        self.now: Callable[[], datetime] = now or hall_now
        self.cursor_blink = cursor_blink
        self.config_dir = config_dir
        #: the logged-in staff member, ``None`` on the log-in screen
        self.actor: Actor | None = None
        #: names of the actor's site, window, office (header)
        self.session_info: SessionInfo | None = None
        #: the last worker error shown (tests read it; notifications are off in tests)
        self.last_error: str | None = None

    # -- start-up -----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The log-in screen: the bottom of the stack, where logging out returns."""
        return _login_screen()

    def on_mount(self) -> None:
        from screens.shell.keymap import load_keymap

        keymap, problem = load_keymap(self.config_dir)
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, severity="warning")
        self.run_worker(self._prepare_database, name="prepare_database", group="database",
                        thread=True, exit_on_error=False)

    def _prepare_database(self) -> None:
        """Build the database (if given a factory) and bring its schema up to date (worker thread)."""
        try:
            source = self._db_source
            db = source() if callable(source) and not hasattr(source, "read") else source
            db.ensure_schema()
            self._db = db
        except BaseException as error:
            self._db_error = error
            raise
        finally:
            self._db_ready.set()

    def database(self) -> Database:
        """The ready database; blocks until the schema check is done.

        Call it from worker threads only (the UI thread never waits on the database).
        """
        if threading.get_ident() == self._thread_id:
            raise RuntimeError("HallApp.database() called on the UI thread; use a worker")
        self._db_ready.wait()
        if self._db_error is not None:
            raise self._db_error
        assert self._db is not None
        return self._db

    # -- session --------------------------------------------------------------------

    def logged_in(self, actor: Actor, info: SessionInfo | None) -> None:
        """Called by the log-in screen: remember the actor and open home."""
        from screens.shell.home import HomeScreen

        self.actor = actor
        self.session_info = info
        log.info("log-in %s (%s)", actor.employee_no, actor.role.value)
        self.push_screen(HomeScreen())

    async def action_logout(self) -> None:
        """Return to the log-in screen, forgetting the actor."""
        if self.actor is None:
            return
        self.actor = None
        self.session_info = None
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        login = self.screen
        if hasattr(login, "reset"):
            login.reset()
        from screens.shell.header import HallHeader

        for header in login.query(HallHeader):
            header.refresh_text()

    def open_entry(self, entry_id: str) -> bool:
        """Open the registry screen ``entry_id`` if the actor's role may; True when opened."""
        from console.core.permissions import allowed
        from screens.shell.registry import entry

        target = entry(entry_id)
        if self.actor is None or not allowed(self.actor.role, target.permission):
            self.notify(t("ui.error.not_allowed"), severity="error")
            return False
        self.push_screen(target.create())
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Log-out and the palette only once somebody is logged in."""
        if action in {"logout", "command_palette"}:
            return self.actor is not None
        return True

    def action_toggle_keys(self) -> None:
        """Show or hide the keys panel."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette commands beyond the screens: keys, log out, quit (translated, "group: verb")."""
        yield SystemCommand(t("ui.command.keys"), t("ui.tip.keys"), self.action_toggle_keys)
        if self.actor is not None:
            yield SystemCommand(t("ui.command.logout"), t("ui.tip.logout"), self.action_logout)
        yield SystemCommand(t("ui.command.quit"), t("ui.tip.quit"), self.action_quit)

    # -- errors -------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become messages (screens forward theirs here)."""
        if event.state != WorkerState.ERROR:
            return
        self.report_error(event.worker.error)

    def report_error(self, error: BaseException | None) -> None:
        """Show ``error`` to the user in their language; log what is not a domain error."""
        if isinstance(error, HallError):
            message = error.message
        elif _is_database_error(error):
            busy = _is_busy(error)
            message = t("ui.error.busy") if busy else t("ui.error.database")
            log.warning("database error: %s", error)
        else:
            message = t("ui.error.unexpected")
            log.error("unexpected error in a worker", exc_info=error)
            self.log.error(repr(error))
        self.last_error = message
        self.notify(message, title=t("ui.error.title"), severity="error", markup=False)


def _is_database_error(error: BaseException | None) -> bool:
    if error is None:
        return False
    module = type(error).__module__
    return module.startswith(("sqlalchemy", "sqlite3", "psycopg"))


def _is_busy(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text or "could not obtain lock" in text
