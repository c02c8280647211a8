"""Reading an administrator's calendar file: rows ``date,kind[,note]``, every bad row reported."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from console.calendar.years import FIRST_YEAR, LAST_YEAR
from console.core.errors import ImportRejected, Invalid, RowError
from console.core.text import row_problem
from console.core.i18n import t

_KINDS = {
    "workday": True, "work": True, "上班": True, "工作日": True, "班": True,
    "holiday": False, "off": False, "休息": False, "休息日": False, "节假日": False, "休": False,
}


@dataclass(frozen=True)
class CalendarImportResult:
    """What an import changed: dates written and years newly declared complete."""

    days: int
    years_added: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"days": self.days, "years_added": list(self.years_added)}


def parse_calendar_csv(text: str) -> list[tuple[date, bool, str]]:
    """Rows ``date,kind[,note]`` (an optional header) → ``(date, is_workday, note)``.

    Every bad row is reported (row number, column) in one :class:`ImportRejected`.
    """
    errors: list[RowError] = []
    rows: list[tuple[date, bool, str]] = []
    seen: dict[date, int] = {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, row in enumerate(reader, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if number == 1 and row[0].strip().lower() in {"date", "日期"}:
            continue
        if len(row) < 2 or len(row) > 3:
            errors.append(RowError(number, "-", t("calendar.row_shape")))
            continue
        unsafe = row_problem(row, names=("date", "kind", "note"))
        if unsafe is not None:
            errors.append(RowError(number, unsafe[0], t("trust.text_control", field=unsafe[0], char=unsafe[1])))
            continue
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            errors.append(RowError(number, "date", t("calendar.bad_date", value=row[0])))
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            errors.append(RowError(number, "date", t("calendar.year_out_of_range", year=day.year,
                                                     first=FIRST_YEAR, last=LAST_YEAR)))
            continue
        kind = _KINDS.get(row[1].strip().lower())
        if kind is None:
            errors.append(RowError(number, "kind", t("calendar.bad_kind", value=row[1])))
            continue
        if day in seen:
            errors.append(RowError(number, "date", t("calendar.duplicate_date", value=day.isoformat(),
                                                     row=seen[day])))
            continue
        seen[day] = number
        note = row[2].strip() if len(row) > 2 else ""
        if len(note) > 200:
            errors.append(RowError(number, "note", t("calendar.note_too_long")))
            continue
        rows.append((day, kind, note))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise Invalid("calendar.import_empty", field="file")
    return rows
