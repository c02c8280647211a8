"""The base class of every Hall Console screen and its use-case helper.

A screen subclasses :class:`HallScreen`, sets ``title_key`` and implements
``compose_body``; the base adds the header (site, window, staff, clock) above
and the footer (keys) below.  Database work never runs on the UI thread: a
screen calls :meth:`HallScreen.run_use_case`, which runs a use case (a
``console`` function declared with :func:`console.core.runner.use_case`) through
the App's runner in a thread worker, as the logged-in staff member, and hands the
result back on the UI thread.

Errors are handled in one place.  A typed error goes to ``on_error`` when the
screen gives one (a form that shows errors inline and stays open); otherwise the
worker fails, and since Textual's ``Worker.StateChanged`` does not bubble, the
base forwards it to the App's single handler
(:meth:`screens.apps.base.HallAppBase.report_error`), which shows a
:class:`console.core.errors.HallError` as an error notification and anything else
as a generic message.

Example::

    class QueueScreen(HallScreen):
        # (docstring: what the screen is for)
        title_key = "ui.screen.queue"
        BINDINGS = [
            Binding("n", "call_next", "queue.key.call_next", tooltip="queue.tip.call_next",
                    id="queue.call_next"),
        ]
        # (docstring under BINDINGS: N calls the next ticket.)

        def compose_body(self):
            yield DataTable(id="tickets")

        def on_mount(self):
            from console.queue.window import window_queue   # use cases imported lazily: start-up stays cheap
            self.run_use_case(window_queue, on_result=self.show_tickets, group="load")

        def action_call_next(self):
            from console.queue.window import call_next
            self.run_use_case(call_next, on_result=self.called, group="call")

Then: one :class:`screens.shell.registry.ScreenEntry`, the messages in
``console/core/i18n/locale/*/LC_MESSAGES/hall.po``, styles in ``screens/<part>/<name>.tcss``
(loaded by the App at start-up), and a test in ``tests/test_tui_<name>.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker

from console.core.i18n import t
from screens.shell.header import HallHeader
from screens.shell.keys import KeyBar

if TYPE_CHECKING:  # pragma: no cover
    from screens.apps.console import HallApp


def translated(bindings: Iterable[Binding]) -> list[Binding]:
    """``bindings`` with ``description`` and ``tooltip`` read as message keys and translated."""
    import dataclasses

    return [
        dataclasses.replace(b, description=t(b.description) if b.description else "",
                            tooltip=t(b.tooltip) if b.tooltip else "")
        for b in bindings
    ]


def localize_bindings(node) -> None:
    """Translate the bindings of one screen, widget or App instance in place.

    Bindings are declared with message keys (``Binding("escape", "back",
    "ui.key.back", tooltip="ui.tip.back", id="catalog.back")``) because class
    attributes are evaluated before the language is chosen.  Each instance
    holds its own copy of the bindings map (``node._bindings``); this swaps in
    translated copies, leaving keys and ids (and so user keymaps) untouched.
    """
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = translated(bindings)


class HallScreen(Screen):
    """A screen with the hall header and the key footer, and the use-case helper.

    Class attributes for subclasses:

    ``title_key``
        message key of the screen title (shown in the header).
    ``TYPE_AHEAD``
        selector of the Input that receives keys typed before it has focus.
    ``BINDINGS``
        as in Textual, but ``description`` and ``tooltip`` are message keys and
        every binding has an ``id`` (``<screen>.<action>``) so that users can
        remap it in ``keymap.toml``.
    """

    title_key: ClassVar[str] = "ui.app.title"
    #: selector of the Input that takes letters typed while nothing else does
    #: (right after the screen opens, before it has focus, or while a table has it)
    TYPE_AHEAD: ClassVar[str | None] = None

    BINDINGS: ClassVar[list[Binding]] = []
    """Keys of every screen: none beyond the App's (log out, palette, quit)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = t(self.title_key)
        localize_bindings(self)

    @property
    def hall(self) -> HallApp:
        """The running :class:`screens.apps.console.HallApp`."""
        return self.app  # type: ignore[return-value]

    @property
    def actor(self):
        """The logged-in :class:`console.core.auth.Actor` (``None`` on the log-in screen)."""
        return self.hall.actor

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield HallHeader()
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The widgets between header and footer."""
        return iter(())

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: a printable key that reached the screen goes to ``TYPE_AHEAD``.

        Inputs stop the printable keys they take, so such a key was typed while
        no input had focus: typically right after the screen was pushed, before
        its ``on_mount`` focus took effect.  Clerks type fast; nothing is lost.
        Subclasses handling a key themselves call ``event.prevent_default()``.
        """
        if self.TYPE_AHEAD is None or not event.is_printable or not event.character:
            return
        event.stop()
        self.type_into(self.query_one(self.TYPE_AHEAD, Input), event.character)

    def type_into(self, target: Input, text: str) -> None:
        """Put ``text`` typed elsewhere at ``target``'s cursor and give it focus now, so that the keys
        typed behind follow; the field does not select (and so replace) what it was given as it takes focus."""
        if self.focused is not target:
            target.select_on_focus, target.hall_selects_on_focus = False, target.select_on_focus
            self.set_focus(target)
        target.insert_text_at_cursor(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A field given focus by :meth:`type_into` selects on focus again from now on, as it did."""
        selects = getattr(event.widget, "hall_selects_on_focus", None)
        if selects is not None:
            event.widget.select_on_focus = selects
            del event.widget.hall_selects_on_focus

    def action_back(self) -> None:
        """Close this screen and return to the one below (bound to Escape by most screens).

        A changed form asks first: keep the draft, discard, or stay (:mod:`screens.shell.leave`).
        """
        from screens.shell.leave import leave_then

        def pop() -> None:
            if len(self.app.screen_stack) > 1 and self.app.screen is self:
                self.app.pop_screen()

        leave_then(self.app, pop, [self])

    # -- forms that keep what was typed (see screens.shell.leave) ------------------------

    def changed(self) -> bool:
        """Something was typed that is not kept yet (screens with a form answer this)."""
        return False

    def can_keep(self) -> bool:
        """Whether :meth:`keep` can store a draft (else leaving offers discard or stay)."""
        return False

    def keep(self, then: Callable[[], None]) -> None:
        """Store the form as a draft, then call ``then`` (on failure: show why and stay)."""
        then()

    def discard(self) -> None:
        """Forget what was typed (leaving goes on)."""

    def _on_mount(self, event) -> None:  # noqa: D401 - Textual hook
        if not self.hall.cursor_blink:
            for widget in self.query(Input):
                widget.cursor_blink = False

    # -- database work ------------------------------------------------------------

    def run_use_case(self, fn: Callable[..., Any], /, *args: Any, on_result: Callable[[Any], None] | None = None,
                     on_error: Callable[[Any], None] | None = None, group: str = "default",
                     exclusive: bool = True, **kwargs: Any) -> Worker:
        """Run the use case ``fn(ctx, *args, **kwargs)`` in a thread worker of this screen.

        See :meth:`screens.apps.base.HallAppBase.run_use_case`: the result comes back
        to ``on_result`` on the UI thread; a typed error goes to ``on_error`` when
        given (a form shows it inline), else to the App's one error handler.
        """
        return self.hall.run_use_case(self, fn, *args, on_result=on_result, on_error=on_error,
                                      group=group, exclusive=exclusive, **kwargs)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Forward to the App's one handler (the message does not bubble)."""
        self.hall.on_worker_state_changed(event)

