"""TRANSITION: the one name ``console/demo/proxy.py`` still imports from here.

The proxy section calls the calendar, personal-data and case services directly;
this module is deleted once the demo imports
:func:`console.calendar.workdays.load_calendar` itself.
"""

from __future__ import annotations

from console.calendar.workdays import load_calendar as calendar

__all__ = ["calendar"]
