"""What every Hall Console App shares: the data layer, the clock, the use-case runner, errors.

Every App — the staff console, the kiosk, the hall display, the star board, the
rating screen — is a :class:`HallAppBase`.  It takes its data layer as an
argument (a :class:`models.engine.Database`, or a zero-argument callable that
builds one), prepares it in a thread worker after the first frame, and never
touches it on the UI thread.

**The one screen helper.**  Screens run a use case with
:meth:`HallAppBase.run_use_case` (or their own ``self.run_use_case``, which calls
it): the use case runs through the :class:`~console.core.runner.Runner` in a
thread worker of the calling screen, as the logged-in staff member (or nobody,
for the public screens), and its result comes back on the UI thread.  An error
goes to ``on_error`` when given (a dialog shows it inline and stays open);
otherwise it ends in the one handler, :meth:`HallAppBase.report_error`.

**The one clock.**  ``clock`` (a :class:`console.core.clock.Clock`) is what the
header shows and what every use case the App runs reads; tests pass a
:class:`~console.core.clock.FixedClock`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState, get_current_worker

from console.core.errors import HallError, classify
from screens.apps.calls import post_after_refresh, post_call
from screens.apps.keypace import KeyPacing
from screens.apps.memory import QuietCollector
from console.core.i18n import get_language, set_language, t

if TYPE_CHECKING:  # pragma: no cover
    from models.engine import Database

    from console.core.auth import Actor
    from console.core.clock import Clock
    from console.core.runner import Runner
    from console.core.settings import Settings

log = logging.getLogger("hall.console")


class HallAppBase(QuietCollector, KeyPacing, App):
    """An App on one database, with one clock, running use cases in workers.

    Arguments:
        db: the :class:`~models.engine.Database`, or a callable returning one
            (called in a worker thread, so that SQLAlchemy is not imported before
            the first frame).
        clock: the hall clock (default: the real one, in the settings' time zone).
        settings: the process settings (:func:`console.core.settings.load_settings`).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language.
        cursor_blink: ``False`` stops text cursors blinking (snapshot tests).
        prepare: bring the schema up to date before the first use case (the console
            does; the public screens are given a current database).
    """

    def __init__(self, db: Database | Callable[[], Database], *, clock: Clock | None = None,
                 settings: Settings | None = None, lang: str | None = None, cursor_blink: bool = True,
                 prepare: bool = True, **kwargs: Any) -> None:
        if lang is not None:
            set_language(lang)
        self.lang = get_language()
        super().__init__(**kwargs)
        if clock is None:
            from console.core.clock import SystemClock

            clock = settings.clock() if settings is not None else SystemClock()
        self.clock: Clock = clock
        self.settings = settings
        self.cursor_blink = cursor_blink
        self._db_source = db
        self._prepare = prepare
        self._runner: Runner | None = None
        self._db_error: BaseException | None = None
        self._db_ready = threading.Event()
        #: the logged-in staff member; ``None`` on the log-in screen and on public screens
        self.actor: Actor | None = None
        #: the last error shown (tests read it; notifications are off in tests)
        self.last_error: str | None = None

    # -- the clock ------------------------------------------------------------------

    def now(self) -> datetime:
        """The hall's local time from the App's clock (the header shows it)."""
        return self.clock.now()

    # -- the data layer -------------------------------------------------------------

    def on_mount(self) -> None:
        """Prepare the database in a worker.  Textual calls every class's own ``on_mount`` (the
        subclass's first): a subclass's handler does not call this one itself."""
        self.run_worker(self._prepare_database, name="prepare_database", group="database",
                        thread=True, exit_on_error=False)

    def _prepare_database(self) -> None:
        """Build the database (if given a factory) and bring its schema up to date (worker thread)."""
        from console.core.runner import Runner

        try:
            source = self._db_source
            db = source() if callable(source) and not hasattr(source, "read") else source
            if self._prepare:
                db.ensure_schema()
            self._runner = Runner(db, clock=self.clock, settings=self.settings)
        except BaseException as error:
            self._db_error = error
            raise
        finally:
            self._db_ready.set()

    def wait_for_database(self) -> None:
        """Return once the database is prepared (or failed to be).  Worker threads only."""
        if threading.get_ident() == self._thread_id:
            raise RuntimeError("the database is used from worker threads only, never the UI thread")
        self._db_ready.wait()

    def runner(self) -> Runner:
        """The ready runner; blocks until the database is prepared.  Worker threads only."""
        self.wait_for_database()
        if self._db_error is not None:
            raise self._db_error
        assert self._runner is not None
        return self._runner

    def database(self) -> Database:
        """The ready database (for the change watcher); worker threads only."""
        return self.runner().db

    # -- the one screen helper ------------------------------------------------------

    def run_use_case(self, owner: DOMNode, fn: Callable[..., Any], /, *args: Any,
                     on_result: Callable[[Any], None] | None = None,
                     on_error: Callable[[HallError], None] | None = None,
                     group: str = "default", exclusive: bool = True, name: str | None = None,
                     then: Callable[..., Any] | None = None,
                     on_first: Callable[[Any], None] | None = None, **kwargs: Any) -> Worker:
        """Run the use case ``fn(ctx, *args, **kwargs)`` in a thread worker of ``owner``.

        ``on_result`` gets the result on the UI thread, unless the worker was
        cancelled meanwhile (with ``exclusive``, a new run in the same ``group``
        cancels the previous one, so stale results are dropped) or ``owner`` has
        gone.  ``on_error`` gets a typed error (:class:`HallError`, database
        failures included) on the UI thread instead of the error message; any
        other failure ends in :meth:`report_error`.

        ``then`` (a read use case taking no arguments) runs right after ``fn`` succeeds, in
        the same worker, and ``on_result`` gets ``(result, then_result)``: an action and the
        screen's new view in one round trip to the UI thread.  ``on_first`` (with ``then``) gets
        ``fn``'s result on the UI thread as soon as ``fn`` has committed: the screen shows what
        the key did (the called number) first, and ``then`` reads once that screen is painted (at
        most :data:`FIRST_SHOWN_WAIT` later), so the read does not slow the paint.
        """
        actor = self.actor

        def job() -> Any:
            worker = get_current_worker()
            try:
                result = self.runner().run(fn, *args, actor=actor, **kwargs)
                if on_first is not None and not worker.is_cancelled:
                    shown = threading.Event()
                    post_call(owner, _deliver_first, self, owner, on_first, result, shown)
                    shown.wait(FIRST_SHOWN_WAIT)
                if then is not None:
                    result = (result, self.runner().run(then, actor=actor))
            except Exception as error:
                typed = classify(error)
                if on_error is not None and typed is not None:
                    if not worker.is_cancelled:
                        self.call_from_thread(_deliver, owner, on_error, typed)
                    return None
                raise
            if on_result is not None and not worker.is_cancelled:
                self.call_from_thread(_deliver, owner, on_result, result)
            return result

        return owner.run_worker(job, name=name or getattr(fn, "__name__", "use_case"), group=group,
                                exclusive=exclusive, thread=True, exit_on_error=False)

    # -- errors ---------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become messages (screens forward theirs here)."""
        if event.state == WorkerState.ERROR:
            self.report_error(event.worker.error)

    def report_error(self, error: BaseException | None) -> None:
        """Show ``error`` to the user in their language; log what is not a domain error."""
        from console.core.errors import DatabaseBusy, DatabaseUnavailable

        typed = classify(error)
        if isinstance(typed, DatabaseBusy):
            message = t("ui.error.busy")
        elif isinstance(typed, DatabaseUnavailable):
            message = t("ui.error.database")
        elif typed is not None:
            message = typed.message
        else:
            message = t("ui.error.unexpected")
        if typed is not None and not isinstance(error, HallError):
            log.warning("database error: %s", error)
        elif typed is None:
            log.error("unexpected error in a worker", exc_info=error)
            self.log.error(repr(error))
        self.last_error = message
        self.notify(message, title=t("ui.error.title"), severity="error", markup=False)


def _deliver(owner: DOMNode, callback: Callable[[Any], None], value: Any) -> None:
    if owner.is_attached:
        callback(value)


#: seconds a worker waits, at most, for ``on_first`` to be painted before it runs ``then``
FIRST_SHOWN_WAIT = 0.25


def _deliver_first(app, owner: DOMNode, callback: Callable[[Any], None], value: Any,
                   shown: threading.Event) -> None:
    """Deliver ``on_first`` and let the worker go on once the screen carrying it is painted: the
    read that follows (``then``) would otherwise hold the interpreter while the UI thread lays
    out and paints the key's result, and the clerk would see the number milliseconds later."""
    try:
        _deliver(owner, callback, value)
    finally:
        post_after_refresh(app, shown.set)
