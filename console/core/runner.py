"""One way to run a use case.

A use case is one function in its part's package, declared with :func:`use_case`::

    @use_case("staff.manage", write=True, audit="staff.locked")
    def lock_staff(ctx: Context, employee_no: str) -> StaffRow:
        \"\"\"Lock an account.\"\"\"
        ...
        ctx.audit("staff.locked", "staff", employee_no)

The declaration says what the use case needs — the permission, whether it writes,
which audit actions it appends — so a reader knows it from the signature alone.
:class:`Runner` runs it, the same way for the console and the command line:

1. it checks the permission **before any work**: nothing but the public scope
   (:data:`PUBLIC`: what the hall publishes anyway) runs without an authenticated
   staff member, and reads are checked like writes;
2. it opens a read transaction (a snapshot, never the SQLite write lock) or one
   write transaction — for a use case declared ``direct`` (the call path) one on a
   driver connection with no ORM session (:mod:`models.direct`), whose :class:`Later`
   result is built after the commit — and builds the :class:`~console.core.context.Context`;
3. it calls the use case; for a write, it appends the queued audit events at the
   end, in the same transaction, stamped by the same clock;
4. it turns database failures into typed errors
   (:func:`console.core.errors.classify`); nothing is half-written.

A use case may call another with its own ``ctx``: the inner one's permission is
checked too, and they share the transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from console.core.context import Context
from console.core.errors import DatabaseBusy, HallError, LoginRequired, classify
from console.core.permissions import PERMISSIONS, require

if TYPE_CHECKING:  # pragma: no cover
    from models.engine import Database

    from console.core.auth import Actor
    from console.core.clock import Clock
    from console.core.settings import Settings

#: the permission of the public scope: the catalog, the queue's services and hours,
#: the calendar, the personal-data checks, and the public screens (kiosk, display,
#: star board, rating screen, taking a ticket)
PUBLIC = "public"

F = TypeVar("F", bound=Callable[..., Any])

#: how many times a use case that found the database busy (past the busy timeout) is run again
BUSY_RETRIES = 2


@dataclass(frozen=True)
class UseCase:
    """What a use case declares."""

    name: str
    permission: str
    write: bool
    audit: tuple[str, ...]
    #: why a write appends no audit event (it records its own append-only trail)
    unaudited: str | None = None
    #: a read in plain SQL that may run on a light read connection (:mod:`models.light`, no ORM)
    light: bool = False
    #: a write through prepared statements only (:mod:`models.direct`): run on a driver connection, no ORM session
    direct: bool = False

    @property
    def public(self) -> bool:
        return self.permission == PUBLIC


#: every declared use case by ``module.function``
REGISTRY: dict[str, UseCase] = {}


def use_case(permission: str, *, write: bool = False, audit: str | tuple[str, ...] = (),
             unaudited: str | None = None, light: bool = False, direct: bool = False) -> Callable[[F], F]:
    """Declare ``fn(ctx, ...)`` a use case: its permission, read or write, what it audits.

    A write names the audit actions it appends, or says in ``unaudited`` why it
    appends none (e.g. calls, which keep their own append-only ticket events).
    ``light``: a read whose ``ctx.session`` may be a :class:`models.light.LightSession`
    (it reads through SQL both understand), so the command line can run it without the ORM.
    ``direct``: an unaudited write that runs only prepared statements (:mod:`models.direct`), so
    the runner gives it a :class:`models.direct.DirectSession` (one transaction on a driver
    connection, no ORM session: the call path); run by another use case it shares that one's session.
    """
    actions = (audit,) if isinstance(audit, str) else tuple(audit)
    if permission != PUBLIC and permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    if write and not actions and not unaudited:
        raise TypeError("a writing use case declares its audit actions or why it has none (unaudited=...)")
    if actions and not write:
        raise TypeError("a reading use case appends no audit event")
    if light and write:
        raise TypeError("a light use case only reads")
    if direct and (not write or actions):
        raise TypeError("a direct use case is an unaudited write (the audit chain is appended through the ORM)")

    def decorate(fn: F) -> F:
        spec = UseCase(f"{fn.__module__}.{fn.__qualname__}", permission, write, actions, unaudited, light, direct)

        @functools.wraps(fn)
        def run_in(ctx: Context, /, *args: Any, **kwargs: Any) -> Any:
            if not isinstance(ctx, Context):
                raise TypeError(f"{spec.name} takes a Context first, not {type(ctx).__name__}")
            if spec.write and not ctx.writable:
                raise RuntimeError(f"{spec.name} writes: run it in a write transaction")
            if not spec.light and getattr(ctx.session, "light", False):
                raise RuntimeError(f"{spec.name} needs the ORM: run it on models.engine.Database")
            check(ctx.actor, spec)
            ctx.running.append(spec)
            try:
                result = fn(ctx, *args, **kwargs)
                if type(result) is Later and not (ctx.later and len(ctx.running) == 1):
                    return result.result()  # run by another use case: it gets the result itself
                return result
            finally:
                ctx.running.pop()

        run_in.use_case = spec  # type: ignore[attr-defined]
        REGISTRY[spec.name] = spec
        return run_in  # type: ignore[return-value]

    return decorate


class Later:
    """``Later(build, *args)``: a direct use case's result, built once its transaction committed.

    What a call returns (the called ticket as screens show it) needs no database, so it is
    built after the commit rather than while the write lock is held; whoever runs the use
    case — the runner, or another use case calling it — gets ``build(*args)``.
    """

    __slots__ = ("build", "args")

    def __init__(self, build: Callable[..., Any], *args: Any) -> None:
        self.build = build
        self.args = args

    def result(self) -> Any:
        return self.build(*self.args)


def procedure(fn: F) -> F:
    """Declare ``fn(runner, ...)`` a procedure: use cases in transactions of their own, slow work between.

    A log-in is one: it reads the account, verifies the PIN with no transaction
    open (argon2 must never hold SQLite's write lock), then records the outcome in
    a short write.  :meth:`Runner.run` calls it with the runner; each use case it
    runs is checked and audited as usual.
    """
    fn.procedure = True  # type: ignore[attr-defined]
    return fn


def spec_of(fn: Callable[..., Any]) -> UseCase:
    """The declaration of ``fn``; :class:`TypeError` when it is not a use case."""
    spec = getattr(fn, "use_case", None)
    if not isinstance(spec, UseCase):
        raise TypeError(f"{getattr(fn, '__qualname__', fn)!r} is not a declared use case")
    return spec


def check(actor: Actor | None, spec: UseCase) -> None:
    """Refuse before any work: nobody logged in outside the public scope, or a missing permission."""
    if spec.public:
        return
    if actor is None:
        raise LoginRequired("errors.login_required")
    require(actor, spec.permission)


class Runner:
    """Runs use cases on one database with one clock and one set of settings.

    The console's Apps and the command line each hold one; tests build theirs with
    a fixed clock.
    """

    def __init__(self, db: Database, *, clock: Clock | None = None, settings: Settings | None = None) -> None:
        if not getattr(db, "light", False):  # a light database (models.light) never writes
            from console.core.text import install_guard

            install_guard()  # no text with control or direction-changing characters is ever written
        self.db = db
        self.settings = settings
        if clock is None:
            from console.core.clock import SystemClock

            clock = settings.clock() if settings is not None else SystemClock()
        self.clock = clock

    def run(self, fn: Callable[..., Any], /, *args: Any, actor: Actor | None = None, **kwargs: Any) -> Any:
        """Run the use case ``fn(ctx, *args, **kwargs)`` as ``actor`` in its own transaction.

        A :func:`procedure` is called with the runner instead, and opens its own.
        """
        if getattr(fn, "procedure", False):
            return fn(self, *args, actor=actor, **kwargs)
        spec = spec_of(fn)
        check(actor, spec)
        direct = spec.direct and hasattr(self.db, "direct")
        for attempt in range(BUSY_RETRIES + 1):
            try:
                if direct:
                    return self._run_direct(fn, actor, args, kwargs)
                with self.transaction(actor, write=spec.write) as ctx:
                    return fn(ctx, *args, **kwargs)
            except DatabaseBusy:
                # nothing was written (the transaction rolled back whole): the busy database is
                # another writer's long transaction, so wait for it again rather than tell the user
                if attempt == BUSY_RETRIES:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _run_direct(self, fn: Callable[..., Any], actor: Actor | None, args, kwargs) -> Any:
        """A direct use case in one transaction on a driver connection (:meth:`models.engine.Database.direct`).

        Run once more when its first statement found the pooled connection lost (nothing was done).
        """
        for attempt in range(2):
            try:
                with self.db.direct() as session:
                    ctx = Context(session, actor, self.clock, self.settings, writable=True, later=True)
                    result = fn(ctx, *args, **kwargs)
                return result.result() if type(result) is Later else result
            except HallError:
                raise
            except Exception as error:
                from models.direct import nothing_done

                if attempt == 0 and nothing_done(error):
                    continue
                typed = classify(error)
                if typed is None:
                    raise
                raise typed from error
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def transaction(self, actor: Actor | None = None, *, write: bool = False) -> Iterator[Context]:
        """One transaction as a :class:`Context`, for work that runs several use cases at once.

        A write commits at the end (after appending the queued audit events) and
        rolls back entirely on any error; database failures become typed errors.
        """
        try:
            with (self.db.write() if write else self.db.read()) as session:
                ctx = Context(session, actor, self.clock, self.settings, writable=write)
                yield ctx
                if write:
                    ctx.flush_audit()
        except HallError:
            raise
        except Exception as error:
            typed = classify(error)
            if typed is None:
                raise
            raise typed from error
        if write and ctx.appended is not None:
            self._checkpoint_if_due(ctx)

    def _checkpoint_if_due(self, ctx: Context) -> None:
        """After a committed write: a signed checkpoint at a daily close and every 1,000 events.

        Only with settings (they say where the key and the file are); a checkpoint
        that cannot be written is logged, never undoes the committed work.
        """
        from console.core import anchor

        first, last, last_hash = ctx.appended  # type: ignore[misc]
        if self.settings is None or not anchor.due(first - 1, last, ctx.appended_actions):
            return
        try:
            key = anchor.load_key(self.settings.config_dir, create=True)
            anchor.append(anchor.default_file(self.settings.data_dir, self.db.url), key, self.db.url,
                          last, last_hash, ctx.now())
        except OSError as error:
            import logging

            logging.getLogger(__name__).warning("audit checkpoint not written: %s", error)
