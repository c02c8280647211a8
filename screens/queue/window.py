"""The clerk's window screen (叫号): the current ticket, what waits for this window, one key per action.

The window is the logged-in clerk's own (``actor.window_id``).  Every action is
one key shown in the footer and runs one use case of :mod:`console.queue.window`
or :mod:`console.queue.actions` (``run_use_case``: a thread worker, one
transaction, as the clerk); actions on the current ticket
pass the ticket id and the version the screen showed, so a ticket somebody
else changed meanwhile is never acted on (the service raises ``Conflict``,
shown as its translated message by the App's error handler).

The screen follows the database live: a thread worker waits on
:func:`console.queue.watch.watcher_for` (SQLite ``data_version`` / PostgreSQL
LISTEN) and reloads :func:`console.queue.views.window_view` when anything was
committed; a slow timer refreshes the waiting minutes.  The dialogs (transfer,
call a number, the proxy hand-off) are :mod:`screens.queue.dialogs`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.widgets.table import HallTable
from screens.queue.dialogs import CallNumberDialog, TransferDialog
from screens.queue.window_handover import WindowHandOvers
from screens.shell.base import HallScreen
from screens.shell.header import HallHeader
from screens.shell.keys import KeyBar
from screens.widgets.line import TextLine
from screens.widgets.queue import BigNumber
from screens.widgets.rows import put_text, sync_rows
from screens.queue.cells import _COLUMNS, _cells, _render, minutes_text, priority_text, status_text

#: seconds between refreshes of the waiting minutes (changes come through the watcher)
TICK_SECONDS = 30.0
#: keys that wait at most for the action under way (more are dropped: a stuck key, not a clerk)
QUEUED_KEYS = 8


class QueueWindowScreen(WindowHandOvers, HallScreen):
    """The clerk's window: current ticket on top, the live waiting list below, actions in the footer."""

    title_key = "queue_ui.screen.queue"

    BINDINGS: ClassVar[list[Binding]] = [
        *(Binding(key, action, f"queue_ui.key.{label}", tooltip=f"queue_ui.tip.{label}", id=f"queue.{action}",
                  priority=True)
          for key, action, label in (
              ("n", "call_next", "call"), ("r", "recall", "recall"), ("x", "no_show", "no_show"),
              ("s", "serve", "serve"), ("i", "intake", "intake"), ("f", "finish", "finish"),
              ("t", "transfer", "transfer"), ("h", "hand_on", "hand_on"), ("p", "pause", "pause"),
              ("p", "resume", "resume"), ("o", "call_number", "call_number"),
              ("d", "proxy_handoff", "handoff"))),
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="queue.back"),
    ]
    """n call next, r recall, x no-show, s start serving, f finish, t transfer (dialog),
    h hand on to the linked business (多窗联办), p pause the window (resume once paused: the
    footer shows the one that applies), o call a given
    number out of order (dialog with a reason), Escape back home.

    i opens the intake for the applicant being served (the case notes the ticket); d hands the
    investor to the proxy section.  The key bar shows these first and the global keys
    (F1 keys panel, F10 log out, Ctrl+P, Ctrl+Q) on a second line at 80 columns; F1 lists every
    key with its tooltip.

    The letter keys are priority bindings: the App runs the action as it reads the key, instead
    of after the key has travelled through the waiting table's and the screen's queues (no
    widget of this screen takes letters; a dialog on top is a screen of its own and keeps them)."""

    def __init__(self) -> None:
        super().__init__()
        self.view = None
        #: the last action's outcome as shown in the status line (tests read it)
        self.last_message = ""
        #: reads are numbered as they start; a view read before the one shown is dropped
        self._asked = 0
        self._shown = 0
        #: a read is under way / a change came meanwhile (one more read when it ends)
        self._loading = False
        self._stale = False
        #: actions under way: reads wait for them (a read begun before an action commits is stale)
        self._acting = 0
        #: keys pressed while an action was under way: run in turn, each on the window the last left
        self._queued: list[tuple] = []
        #: the waiting table's rows as drawn: ticket id → cells
        self._rows: dict[str, tuple] = {}

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield HallHeader()
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="queue-current"):
            yield Static("", id="queue-window-line", markup=False)
            with Horizontal(id="queue-current-row"):
                yield BigNumber("", id="queue-current-number")
                yield Static("", id="queue-current-detail", markup=False)
        yield TextLine("", id="queue-message")
        yield Static("", id="queue-waiting-title", classes="section-title", markup=False)
        table: DataTable = HallTable(id="queue-waiting", cursor_type="row", zebra_stripes=True)
        table.add_column(t("queue_ui.col.number"), key="number")
        table.add_column(t("queue_ui.col.service"), key="service")
        table.add_column(t("queue_ui.col.priority"), key="priority")
        table.add_column(t("queue_ui.col.waited"), key="waited")
        table.add_column(t("queue_ui.col.flag"), key="flag")
        yield table

    def on_mount(self) -> None:
        from screens.widgets.queue import watch_changes

        self.query_one("#queue-waiting", DataTable).focus()
        if self.actor is None or not getattr(self.actor, "window_id", None):
            self.say(t("queue_ui.no_window"))
            return
        self.reload()
        hall = self.hall
        self.run_worker(lambda: watch_changes(hall, hall.database, self.reload), name="watch",
                        group="watch", thread=True, exclusive=True, exit_on_error=False)
        self.set_interval(TICK_SECONDS, self.reload)

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the window, its current ticket and its waiting list in a worker.

        Watcher signals and timer ticks are coalesced: reads never overlap, and a change
        during a read makes one more read after it.
        """
        from console.queue.views import window_view

        if not self.is_attached:
            return
        if self._loading or self._acting:
            self._stale = True
            return
        self._loading = True
        asked = self._ask()
        self.run_use_case(window_view, on_result=lambda view: self._deliver(asked, view), group="load",
                          exclusive=False)

    def _ask(self) -> int:
        self._asked += 1
        return self._asked

    def _deliver(self, asked: int, view) -> None:
        """Show ``view`` unless a view read after it is already shown."""
        if asked >= self._shown:
            self._shown = asked
            self.show_view(view)

    def on_worker_state_changed(self, event) -> None:
        """Start a read held back while another ran (Textual also calls the base screen's handler,
        which forwards errors to the App's)."""
        if event.worker.group in ("load", "action") and event.state.name in ("SUCCESS", "ERROR", "CANCELLED"):
            if event.worker.group == "load":
                self._loading = False
            else:
                self._acting = max(0, self._acting - 1)
                while self._queued and not self._acting:  # a key that did nothing lets the next go
                    fn, args, on_current, kwargs = self._queued.pop(0)
                    self._act(fn, *args, on_current=on_current, **kwargs)
            if self._stale and not self._loading and not self._acting:
                self._stale = False
                self.reload()

    def show_view(self, view) -> None:
        """Draw ``view`` (:class:`console.queue.views.WindowView`); widgets change only where it did."""
        if view == self.view:
            return
        self.view = view
        services = ", ".join(f"{code} {name}" for code, name in view.services) or t("queue_ui.no_services")
        state = t("queue_ui.paused") if view.paused else t("queue_ui.open")
        put_text(self.query_one("#queue-window-line", Static),
                 t("queue_ui.window_line", number=view.number, name=view.name, state=state, services=services),
                 layout=False)
        if self.has_class("-paused") != view.paused:
            self.set_class(view.paused, "-paused")
            self.refresh_bindings()
        current = view.current
        number = self.query_one("#queue-current-number", BigNumber)
        detail = self.query_one("#queue-current-detail", Static)
        if current is None:
            number.update("")
            put_text(detail, t("queue_ui.nobody_paused" if view.paused else "queue_ui.nobody"))
        else:
            number.update(current.number)
            lines = [
                t("queue_ui.current_line", service=current.service, name=current.service_name,
                  status=status_text(current.status)),
                t("queue_ui.current_times", waited=minutes_text(current.waited_minutes),
                  called=current.called_at.strftime("%H:%M") if current.called_at else "-",
                  recalls=current.recalls),
            ]
            extra = [p for p in (priority_text(current.priority),
                                 t(f"queue_ui.over.{current.over_target}") if current.over_target else "") if p]
            if extra:
                lines.append(" · ".join(extra))
            put_text(detail, "\n".join(lines))
        self.query_one("#queue-current").set_class(bool(current and current.over_target), "-over")
        put_text(self.query_one("#queue-waiting-title", Static), t("queue_ui.waiting_title", count=view.waiting_total),
                 layout=False)  # one line of fixed height
        self.draw_waiting(view.waiting)

    def draw_waiting(self, waiting) -> None:
        """Bring the waiting table to ``waiting``, touching only the rows that changed."""

        table = self.query_one("#queue-waiting", DataTable)
        new = {str(info.id): _cells(info) for info in waiting}
        sync_rows(table, self._rows, new, _COLUMNS, render=_render)
        self._rows = new

    def say(self, message: str) -> None:
        self.last_message = message
        put_text(self.query_one("#queue-message", Static), message, layout=False)  # one line, fixed height


    # -- actions ---------------------------------------------------------------------------

    def _act(self, fn, *args, on_current: bool = True, **kwargs) -> None:
        if self._acting:  # ``n`` then ``s`` typed at once: serve the ticket the call brings
            if len(self._queued) < QUEUED_KEYS:
                self._queued.append((fn, args, on_current, kwargs))
            return
        if self.view is None:
            self.say(t("queue_ui.no_window"))
            return
        if on_current:
            current = self.view.current if self.view else None
            if current is None:
                self.say(t("queue_ui.msg.nobody_called"))
                return
            kwargs.update(ticket=current.id, expected_version=current.version)
        from console.queue.views import window_view

        asked = self._ask()
        self._acting += 1
        self.run_use_case(fn, *args, group="action", exclusive=False, then=window_view,
                          on_first=lambda result: self.show_called(result, asked),
                          on_result=lambda pair: self.after_action(pair[0], asked, pair[1]), **kwargs)

    def show_called(self, result, asked: int) -> None:
        """The number a key called, shown the moment it is committed (the new view follows)."""
        from console.queue.window import CallResult

        if isinstance(result, CallResult) and result.number and asked > self._shown:
            self.query_one("#queue-current-number", BigNumber).update(result.number)
            self.say(self.call_message(result))

    def after_action(self, result, asked: int = 0, view=None) -> None:
        """Say what happened and show the window as the same worker read it after the action."""
        from console.queue.window import CallResult

        if isinstance(result, CallResult):
            message = self.call_message(result)
        elif isinstance(result, str):
            message = t("queue_ui.msg.window_state", window=result,
                        state=t("queue_ui.paused") if not (self.view and self.view.paused) else t("queue_ui.open"))
        else:
            message = self.action_message(result)
        self.say(message)
        if view is not None:
            self._deliver(asked, view)
        else:
            self.reload()

    @staticmethod
    def call_message(result) -> str:
        if result.number is None:
            return t("queue_ui.msg.queue_empty")
        message = t("queue_ui.msg.called", number=result.number, window=result.window)
        if result.closed_number:
            message += " " + t(f"queue_ui.msg.closed_{result.closed_status}", number=result.closed_number)
        return message

    @staticmethod
    def action_message(result) -> str:
        if result.auto_no_show:
            return t("queue_ui.msg.auto_no_show", number=result.number)
        if result.to_service or result.to_window:
            where = result.to_service or ""
            if result.to_window:
                where = t("queue_ui.msg.to_window", service=where, window=result.to_window)
            return t("queue_ui.msg.sent", number=result.number, where=where)
        return t(f"queue_ui.msg.done_{result.status}", number=result.number, recalls=result.recalls)

    def action_call_next(self) -> None:
        from console.queue.window import call_next

        self._act(call_next, on_current=False)

    def action_recall(self) -> None:
        from console.queue.actions import recall

        self._act(recall)

    def confirm(self, key: str, then, **params) -> None:
        """Ask before a destructive action on the current ticket (:class:`ConfirmDialog`); ``then()`` on yes."""
        from screens.widgets.confirm import ConfirmDialog

        current = self.view.current if self.view else None
        if current is None:
            self.say(t("queue_ui.msg.nobody_called"))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()
            else:
                self.say(t("clerk.confirm.cancelled"))

        self.app.push_screen(ConfirmDialog(t(key, number=current.number, **params)), answered)

    def action_no_show(self) -> None:
        from console.queue.actions import no_show

        self.confirm("clerk.confirm.no_show", lambda: self._act(no_show))

    def action_serve(self) -> None:
        from console.queue.actions import start_serving

        self._act(start_serving)

    def action_finish(self) -> None:
        from console.queue.actions import finish

        self._act(finish)

    def action_hand_on(self) -> None:
        from console.queue.actions import hand_on

        self.confirm("clerk.confirm.hand_on", lambda: self._act(hand_on))

    def check_action(self, action: str, parameters) -> bool | None:
        """``p`` is pause on an open window and resume on a paused one."""
        paused = bool(self.view and self.view.paused)
        if action == "pause":
            return not paused
        if action == "resume":
            return paused
        return True

    def action_pause(self) -> None:
        from console.queue.window import pause

        self._act(pause, on_current=False)

    def action_resume(self) -> None:
        from console.queue.window import resume

        self._act(resume, on_current=False)

    def action_transfer(self) -> None:
        from console.queue.views import transfer_targets

        if self.view is None:
            self.say(t("queue_ui.no_window"))
            return
        if self.view.current is None:
            self.say(t("queue_ui.msg.nobody_called"))
            return
        self.run_use_case(transfer_targets, group="targets",
                          on_result=lambda targets: self.app.push_screen(TransferDialog(targets),
                                                                         self._transfer_to))

    def _transfer_to(self, choice) -> None:
        from console.queue.actions import transfer

        if not choice:
            return
        kind, value, label = choice
        target = {"to_service": value} if kind == "service" else {"to_window": value}
        self.confirm("clerk.confirm.transfer", lambda: self._act(transfer, **target), where=label)

    def action_call_number(self) -> None:
        if self.view is None:
            self.say(t("queue_ui.no_window"))
            return
        self.app.push_screen(CallNumberDialog(), self._call_number)

    def _call_number(self, answer) -> None:
        from console.queue.window import call_number

        if answer:
            number, reason = answer
            self._act(call_number, number, reason, on_current=False)
