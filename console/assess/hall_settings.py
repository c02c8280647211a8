"""Settings an administrator changes (``hall settings list|set``), each audited.

* ``case.number_pattern`` — the case-number pattern (``{site}{year}{seq:06d}`` …);
* ``case.yellow_days`` — how many last working days before the due date count as at risk (yellow);
* ``rating.default_after_days`` — after how many days an unrated visit counts;
* ``rating.default_level`` — how it counts: ``basic`` (基本满意) or ``satisfied`` (满意); provinces differ.

The values live in the ``settings`` table; the parts read them where they use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from models import Setting

from console.core.errors import Invalid, NotFound
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


def _whole(low: int, high: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            number = int(value.strip())
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise Invalid("law.setting_range", field="value", low=low, high=high)
        return str(number)
    return check


def _pattern(value: str) -> str:
    from console.cases.numbering import check_pattern

    return check_pattern(value.strip())


def _level(value: str) -> str:
    value = value.strip()
    if value not in ("basic", "satisfied"):
        raise Invalid("law.setting_choice", field="value", choices="basic, satisfied")
    return value


def _defaults() -> dict[str, tuple[str, Callable[[str], str]]]:
    from console.assess.ratings import DEFAULT_AFTER_DAYS
    from console.cases.numbering import DEFAULT_PATTERN

    return {
        "case.number_pattern": (DEFAULT_PATTERN, _pattern),
        "case.yellow_days": ("1", _whole(1, 10)),
        "rating.default_after_days": (str(DEFAULT_AFTER_DAYS), _whole(1, 60)),
        "rating.default_level": ("basic", _level),
    }


@dataclass(frozen=True)
class SettingRow:
    key: str
    value: str
    default: str

    def as_dict(self) -> dict:
        return {"key": self.key, "value": self.value, "default": self.default}


@use_case("staff.read")
def list_settings(ctx: Context) -> list[SettingRow]:
    """Every setting an administrator may change, with its value and default."""
    rows = []
    for key, (default, _check) in _defaults().items():
        row = ctx.session.get(Setting, key)
        rows.append(SettingRow(key, row.value if row is not None else default, default))
    return rows


@use_case("settings.manage", write=True, audit="settings.set")
def set_setting(ctx: Context, key: str, value: str) -> SettingRow:
    """Change one setting (validated as its kind requires)."""
    known = _defaults()
    if key not in known:
        raise NotFound("law.setting_unknown", key=key, keys=", ".join(known))
    default, check = known[key]
    clean = check(value or "")
    row = ctx.session.get(Setting, key)
    before = row.value if row is not None else default
    if row is None:
        ctx.session.add(Setting(key=key, value=clean))
    else:
        row.value = clean
    ctx.audit("settings.set", "setting", key, {"before": before, "value": clean})
    return SettingRow(key, clean, default)
