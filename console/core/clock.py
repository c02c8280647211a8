"""The one clock of Hall Console.

Every "now" of the hall — a ticket's time, a case's acceptance, the audit trail's
stamp, the header's clock, the demo's simulated day — comes from a :class:`Clock`
handed in through the use-case context (:class:`console.core.context.Context`)
or the App.  This module is the only place that reads the operating system's
time; everything else asks a clock.

Times are the hall's local wall clock, naive, to the second: a hall lives in one
time zone (``HALL_TZ``, default Asia/Shanghai) and its working days are local dates.

* :class:`SystemClock` reads the real time in the hall's zone;
* :class:`FixedClock` stands at one moment until it is moved (tests, the demo build,
  simulations of a whole day);
* :class:`OffsetClock` runs with the real clock, shifted (a training hall that lives
  "as if" at another moment);
* :class:`DeferredClock` is one of those, made when first read (the command line's).
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"


@runtime_checkable
class Clock(Protocol):
    """What every clock answers."""

    #: the IANA name of the hall's time zone
    timezone: str

    def now(self) -> datetime:
        """The hall's local time, naive, to the second."""

    def today(self) -> date:
        """The hall's local date."""


def _zone(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo  # when a clock is made: a command that reads no time loads no zone

    return ZoneInfo(name or DEFAULT_TIMEZONE)


def _system_now(zone: ZoneInfo) -> datetime:
    # the only read of the operating system's clock in Hall Console
    return datetime.now(timezone.utc).astimezone(zone).replace(tzinfo=None, microsecond=0)


class SystemClock:
    """The real time in the hall's time zone."""

    def __init__(self, timezone_name: str = DEFAULT_TIMEZONE) -> None:
        self.timezone = timezone_name or DEFAULT_TIMEZONE
        self._zone = _zone(self.timezone)

    def now(self) -> datetime:
        return _system_now(self._zone)

    def today(self) -> date:
        return self.now().date()

    def __repr__(self) -> str:
        return f"SystemClock({self.timezone!r})"


class FixedClock:
    """A clock that stands at one moment until :meth:`set` or :meth:`advance` moves it.

    Thread-safe: a test moves it while workers read it.
    """

    def __init__(self, moment: datetime | str, timezone_name: str = DEFAULT_TIMEZONE) -> None:
        self.timezone = timezone_name or DEFAULT_TIMEZONE
        self._lock = threading.Lock()
        self._moment = _naive(moment, self.timezone)

    def now(self) -> datetime:
        with self._lock:
            return self._moment

    def today(self) -> date:
        return self.now().date()

    def set(self, moment: datetime | str) -> None:
        """Stand at ``moment`` from now on."""
        with self._lock:
            self._moment = _naive(moment, self.timezone)

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move forward by ``delta`` (or ``timedelta(**kwargs)``); returns the new moment."""
        step = delta if delta is not None else timedelta(**kwargs)
        with self._lock:
            self._moment = self._moment + step
            return self._moment

    def __repr__(self) -> str:
        return f"FixedClock({self._moment.isoformat(sep=' ')!r})"


class OffsetClock:
    """The real clock shifted by a fixed offset (it keeps running)."""

    def __init__(self, offset: timedelta, timezone_name: str = DEFAULT_TIMEZONE) -> None:
        self.timezone = timezone_name or DEFAULT_TIMEZONE
        self._zone = _zone(self.timezone)
        self.offset = offset

    @classmethod
    def starting_at(cls, moment: datetime | str, timezone_name: str = DEFAULT_TIMEZONE) -> OffsetClock:
        """A running clock that reads ``moment`` now."""
        zone = _zone(timezone_name)
        return cls(_naive(moment, timezone_name) - _system_now(zone), timezone_name)

    def now(self) -> datetime:
        return (_system_now(self._zone) + self.offset).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def __repr__(self) -> str:
        return f"OffsetClock({self.offset!r})"


class DeferredClock:
    """The clock ``make()`` returns, made when it is first read.

    The command line hands one to every use case: ``hall calendar due`` never reads the
    time, and so never loads the hall's time zone (nor starts ``HALL_NOW``'s clock).
    """

    def __init__(self, make: Callable[[], Clock], timezone_name: str = DEFAULT_TIMEZONE) -> None:
        self.timezone = timezone_name or DEFAULT_TIMEZONE
        self._make = make
        self._clock: Clock | None = None

    def _real(self) -> Clock:
        if self._clock is None:
            self._clock = self._make()
        return self._clock

    def now(self) -> datetime:
        return self._real().now()

    def today(self) -> date:
        return self._real().today()

    def __repr__(self) -> str:
        return f"DeferredClock({self._clock!r})"


def _naive(moment: datetime | str, timezone_name: str) -> datetime:
    """``moment`` as the hall's naive local time (a zoned moment is converted to the hall's zone)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.strip())
    if moment.tzinfo is not None:
        moment = moment.astimezone(_zone(timezone_name)).replace(tzinfo=None)
    return moment.replace(microsecond=0)
