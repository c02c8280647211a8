"""The staff console: log-in, home, the screens of the registry.

``HallApp(db)`` takes its data layer as an argument (a
:class:`models.engine.Database`, or a zero-argument callable that builds one)
and never touches it on the UI thread (:class:`screens.apps.base.HallAppBase`):
the schema check runs in a thread worker right after the first frame, and
screens reach the database only by running use cases
(:meth:`screens.shell.base.HallScreen.run_use_case`).

Start-up is kept cheap: only the log-in screen is imported before the first
frame; every other screen is imported when it is first opened
(:mod:`screens.shell.registry`).

Keys can be remapped by the user in ``keymap.toml`` in the config directory
(see :mod:`screens.shell.keymap` and the README section "Keys").
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from console.core.i18n import t
from screens.apps.base import HallAppBase
from screens.shell.base import localize_bindings

if TYPE_CHECKING:  # pragma: no cover
    from models.engine import Database

    from console.core.auth import Actor
    from console.core.clock import Clock
    from console.core.settings import Settings
    from console.org.session_info import SessionInfo

log = logging.getLogger("hall.console")

SCREENS_DIR = Path(__file__).resolve().parent.parent


def _screen_commands():
    from screens.shell.commands import ScreenCommands

    return ScreenCommands


def _login_screen():
    from screens.shell.login import LoginScreen

    return LoginScreen()


def _system_commands():
    from textual.system_commands import SystemCommandsProvider

    return SystemCommandsProvider


class HallApp(HallAppBase):
    """The console: a log-in screen at the bottom of the stack, home and the registry's screens above it.

    Arguments (beyond :class:`~screens.apps.base.HallAppBase`'s ``db``, ``clock``,
    ``settings``, ``lang``, ``cursor_blink``):
        config_dir: where ``keymap.toml`` is read from; default the settings' config
            directory (``HALL_CONFIG_DIR``, else the platform's user config directory).
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

    def __init__(self, db: Database | Callable[[], Database], *, config_dir: str | os.PathLike | None = None,
                 clock: Clock | None = None, settings: Settings | None = None, **kwargs: Any) -> None:
        super().__init__(db, clock=clock, settings=settings, **kwargs)
        localize_bindings(self)
        self.title = t("ui.app.title")
        self.config_dir = config_dir if config_dir is not None else (settings.config_dir if settings else None)
        #: names of the actor's site, window, office (header)
        self.session_info: SessionInfo | None = None
        #: a home screen mounted off the stack while the PIN was checked (:meth:`prepare_home`)
        self._prepared_home = None

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

    # -- session --------------------------------------------------------------------

    def logged_in(self, actor: Actor, info: SessionInfo | None, *, placed: bool = False) -> None:
        """Called by the log-in screen: remember the actor and open home.

        ``placed``: ``actor`` already acts at this terminal's bound window (the log-in found
        it); else a clerk's window is looked up now, and a clerk who may not serve it is
        logged out again.  Without ``info`` home reads it.
        """
        from screens.shell.home import HomeScreen

        self.actor = actor
        self.session_info = info
        log.info("log-in %s (%s)", actor.employee_no, actor.role.value)
        if self._runner is not None and hasattr(self._runner.db, "name_connections"):
            from console.core.terminal import application_name

            self._runner.db.name_connections(application_name(actor.employee_no))
        if actor.role.value == "clerk" and not placed:  # the window this terminal is bound to (hall terminal bind)
            from console.core.terminal import terminal_name
            from console.status.terminals import desk_actor

            self.run_use_case(self.screen, desk_actor, terminal_name(), on_result=self._at_desk,
                              on_error=self._not_at_this_desk, group="desk")
        home = self._prepared_home
        if home is None or not home.is_mounted:  # none, or still being composed: it serves the next
            self.push_screen(HomeScreen())
            return
        self._prepared_home = None
        home.show_for_actor()
        self.push_screen(home)

    def prepare_home(self) -> None:
        """Compose and mount the home screen off the stack while a PIN is checked (argon2 leaves the
        UI thread free), so that the log-in only fills it in and shows it
        (``benchmarks/bench_login.py``).  A failed log-in keeps it for the next."""
        from screens.shell.home import HomeScreen

        if self._prepared_home is not None or self.actor is not None:
            return
        home = self._prepared_home = HomeScreen()
        # the two steps push_screen takes before it stacks a screen (Textual is pinned exactly)
        self._load_screen_css(home)
        self._register(self, home)

    def _at_desk(self, actor: Actor) -> None:
        """The clerk acts at this terminal's bound window: the header names that window."""
        if self.actor is not None and self.actor.id == actor.id:
            moved = self.actor.window_id != actor.window_id
            self.actor = actor
            if moved:
                from console.org.session_info import session_info

                self.run_use_case(self.screen, session_info, on_result=self.placed, group="session_info")

    def placed(self, info: SessionInfo) -> None:
        """Where the staff member works is known: every header shows it from now on."""
        from screens.shell.header import HallHeader

        self.session_info = info
        for screen in self.screen_stack:
            for header in screen.query(HallHeader):
                header.refresh_text()

    def _not_at_this_desk(self, error) -> None:
        """A clerk who may not serve this terminal's window is logged out again, with the reason."""
        self.report_error(error)
        self.call_later(self.log_out)

    def action_logout(self) -> None:
        """Log out; a changed form on any open screen asks first (keep draft, discard, stay)."""
        from screens.shell.leave import leave_then

        if self.actor is not None:
            leave_then(self, lambda: self.call_later(self.log_out))

    def action_quit(self) -> None:
        """Quit; a changed form on any open screen asks first (keep draft, discard, stay)."""
        from screens.shell.leave import leave_then

        leave_then(self, self.exit)

    async def log_out(self) -> None:
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
        """Open the registry screen ``entry_id`` if the actor's role may and can; True when opened."""
        from console.core.permissions import allowed
        from screens.shell.registry import entry, refusal

        target = entry(entry_id)
        if self.actor is None or not allowed(self.actor.role, target.permission):
            self.notify(t("ui.error.not_allowed"), severity="error")
            return False
        why = refusal(target, self.actor)
        if why is not None:  # e.g. the window queue for somebody without a window: say what to do instead
            self.last_error = t(why)
            self.notify(self.last_error, severity="warning", markup=False, timeout=10)
            return False
        self.push_screen(target.create())
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Log-out and the palette only once somebody is logged in."""
        if action in {"logout", "command_palette"}:
            return self.actor is not None
        return True

    def action_toggle_keys(self) -> None:
        """Show or hide the keys panel (:class:`screens.shell.keys.KeysScreen`) of the screen on top."""
        from screens.shell.keys import KeysScreen, key_groups

        screen = self.screen
        if isinstance(screen, KeysScreen):
            screen.dismiss(None)
            return
        self.push_screen(KeysScreen(screen.title or t("ui.app.title"), key_groups(screen)))

    def action_command_palette(self) -> None:
        """The command palette, with its placeholder and "no matches" in the interface language."""
        from screens.shell.palette import HallCommandPalette

        if self.use_command_palette and not HallCommandPalette.is_open(self):
            self.push_screen(HallCommandPalette(placeholder=t("clerk.palette.placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies): say which key does, in the interface language."""
        from screens.shell.keys import key_label

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("clerk.quit.how", key=key_label(key, short=False)), title=t("clerk.quit.title"))
                return

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette commands beyond the screens: keys, log out, quit (translated, "group: verb")."""
        yield SystemCommand(t("ui.command.keys"), t("ui.tip.keys"), self.action_toggle_keys)
        if self.actor is not None:
            yield SystemCommand(t("ui.command.logout"), t("ui.tip.logout"), self.action_logout)
        yield SystemCommand(t("ui.command.quit"), t("ui.tip.quit"), self.action_quit)
