"""The rating screen (好差评评价器): a small second terminal at the window, facing the applicant.

It waits for the window's visit (the ticket being served or just finished),
then offers five choices — keys ``1``…``5`` or the buttons — from 非常满意 to
非常不满意.  A bad rating asks for the reason (a quick choice or typed text)
before it is recorded.  After a thank-you it waits for the next visit.  Nothing
here touches the database: the App runs the ``console.assess.ratings`` use
cases in workers, as the window's clerk.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from console.core.i18n import t
from screens.shell.base import localize_bindings

#: quick reasons offered for a bad rating (message keys)
REASON_KEYS = ("rating.reason_attitude", "rating.reason_waiting", "rating.reason_notice", "rating.reason_slow",
               "rating.reason_other")
LEVEL_KEYS = ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")


class RatingScreen(Screen):
    """Five choices for the applicant; a reason for a bad one."""

    DEFAULT_CSS = """
    RatingScreen { align: center middle; }
    #rating-box { width: 100%; max-width: 100; height: auto; padding: 0 1; }
    #rating-title { text-style: bold; content-align: center middle; width: 100%; height: 3; }
    #rating-visit { content-align: center middle; width: 100%; color: $text-muted; height: 1; }
    #rating-levels { height: auto; width: 100%; }
    #rating-levels Button { width: 1fr; min-width: 10; height: 3; margin: 0 0; }
    #rating-reasons { height: auto; width: 100%; display: none; }
    #rating-reasons Button { width: 1fr; min-width: 10; height: 3; }
    #rating-reason { display: none; }
    #rating-message { content-align: center middle; width: 100%; height: 3; text-style: bold; }
    """

    BINDINGS = [
        *[Binding(str(n), f"choose({n})", "rating.key_choose", tooltip="rating.tip_choose", id=f"rating.choose{n}",
                  show=False) for n in range(1, 6)],
        Binding("escape", "cancel", "rating.key_back", tooltip="rating.tip_back", id="rating.back", show=False),
        Binding("ctrl+q", "app.quit", "assess.key_quit", tooltip="assess.tip_quit", id="rating.quit", show=False),
    ]
    """``1``–``5`` choose a level (or, after a bad one, a quick reason); Escape goes back; Ctrl+Q leaves."""

    def __init__(self, window: str, *, poll_seconds: float = 2.0, thanks_seconds: float = 5.0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        localize_bindings(self)
        self.window = window
        self.poll_seconds = poll_seconds
        self.thanks_seconds = thanks_seconds
        self.visit = None
        self.level: int | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="rating-box"):
            yield Static(t("rating.screen_title"), id="rating-title")
            yield Static("", id="rating-visit")
            with Horizontal(id="rating-levels"):
                for number, key in enumerate(LEVEL_KEYS, start=1):
                    yield Button(f"{number} {t('rating.level_' + key)}", id=f"level-{number}",
                                 variant="error" if number >= 4 else ("success" if number <= 2 else "primary"))
            with Horizontal(id="rating-reasons"):
                for number, key in enumerate(REASON_KEYS, start=1):
                    yield Button(f"{number} {t(key)}", id=f"reason-{number}")
            yield Input(placeholder=t("rating.reason_placeholder"), id="rating-reason")
            yield Static("", id="rating-message")

    def on_mount(self) -> None:
        self.poll()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)

    # -- the visit ---------------------------------------------------------------

    def poll(self) -> None:
        """Ask for the window's visit unless one is on screen or being recorded."""
        if self.visit is None and not self.busy:
            from console.assess.ratings import pending_visit

            self.app.run_use_case(self, pending_visit, self.window, on_result=self.show_visit,
                                  on_error=self.show_error, group="load")

    def show_visit(self, visit) -> None:
        if self.busy or (self.visit is not None and visit is not None and visit.ticket_id == self.visit.ticket_id):
            return
        self.visit = visit
        self.level = None
        self._reasons(False)
        if visit is None:
            self.query_one("#rating-visit", Static).update(t("rating.screen_idle", window=self.window))
            self.query_one("#rating-message", Static).update("")
        else:
            self.query_one("#rating-visit", Static).update(
                t("rating.screen_visit", window=visit.window, ticket=visit.ticket or visit.case or "-",
                  staff=visit.staff_name or "-"))
            self.query_one("#rating-message", Static).update(t("rating.screen_prompt"))

    # -- choosing ----------------------------------------------------------------

    def _reasons(self, shown: bool) -> None:
        self.query_one("#rating-reasons").display = shown
        self.query_one("#rating-reason", Input).display = shown
        self.query_one("#rating-levels").display = not shown
        if shown:
            self.query_one("#rating-reason", Input).value = ""
            self.query_one("#rating-message", Static).update(t("rating.screen_reason"))

    def action_choose(self, number: int) -> None:
        """A level (or, while asking why, a quick reason)."""
        if self.visit is None or self.busy:
            return
        if self.level is not None and self.level >= 4:
            self.submit(t(REASON_KEYS[number - 1]))
            return
        self.level = number
        if number >= 4:
            self._reasons(True)
        else:
            self.submit("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        kind, _, number = (event.button.id or "").partition("-")
        if kind in ("level", "reason") and number.isdigit():
            self.action_choose(int(number))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.level is not None and self.level >= 4 and event.value.strip():
            self.submit(event.value.strip())

    def action_cancel(self) -> None:
        """Back from the reasons to the five levels."""
        if self.level is not None and not self.busy:
            self.level = None
            self._reasons(False)
            self.query_one("#rating-message", Static).update(t("rating.screen_prompt"))

    def submit(self, reason: str) -> None:
        from console.assess.ratings import add_rating

        visit, level = self.visit, self.level
        self.busy = True
        self.app.run_use_case(self, add_rating, level, ticket_id=visit.ticket_id, case_id=visit.case_id,
                              reason=reason, source="applicant", on_result=self.thanked, on_error=self.show_error,
                              group="rate")

    def thanked(self, row) -> None:
        self._reasons(False)
        self.query_one("#rating-message", Static).update(t("rating.screen_thanks", level=row.level_name))
        self.set_timer(self.thanks_seconds, self._next)

    def _next(self) -> None:
        self.busy = False
        self.visit = None
        self.level = None
        self.poll()

    def show_error(self, error: Exception) -> None:
        message = getattr(error, "message", None) or t("rating.screen_failed")
        self.query_one("#rating-message", Static).update(message)
        self.busy = False
        self.visit = None
        self.level = None
        self._reasons(False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A use case that failed unexpectedly: the App's one handler; the screen starts over."""
        if event.state == WorkerState.ERROR:
            self.app.on_worker_state_changed(event)
            self.show_error(event.worker.error)
