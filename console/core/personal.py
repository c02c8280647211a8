"""Personal data: resident ID numbers, unified social credit codes, phones; masking.

Validation raises :class:`~console.core.errors.Invalid` with the field named and a
message saying what is wrong.  A resident ID (GB 11643) is checked for its
length, digits, check digit (X allowed), a real birth date not in the future and
a region code that exists — a region code created after the holder's birth year
is accepted (IDs are coded where the holder was registered when the card was
issued).  Full-width characters are refused with the half-width value suggested.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from console.core.errors import Invalid

_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^(0[0-9]{2,3})-?([2-9][0-9]{6,7})(?:-([0-9]{1,6}))?$")
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]


@dataclass(frozen=True)
class ResidentId:
    """A valid resident ID number and what it says."""

    number: str
    birth_date: date
    province: str
    county: str
    sex: str  # "male" | "female"


def _reject_fullwidth(value: str, field: str) -> None:
    if _FULLWIDTH.search(value):
        half = unicodedata.normalize("NFKC", value).replace(" ", "")
        raise Invalid("personal.fullwidth", field=field, value=value, half=half)


def id_check_digit(first17: str) -> str:
    """The GB 11643 check digit of the first 17 digits."""
    total = sum(map(int.__mul__, map(int, first17), _WEIGHTS))
    return "10X98765432"[total % 11]


@lru_cache(maxsize=4096)
def _region(code: str) -> tuple[str, str] | None:
    info: dict[str, str] = {}
    for _part, props in _province_db(code[:2]).info(code):
        info.update(props)
    county = info.get("county")
    if not county:
        return None
    # "[1994-]登封市" or "[1983-1994]xx,[1994-]yy": take the last name, regardless of its years
    name = county.split(",")[-1]
    if name.startswith("[") and "]" in name:
        name = name.split("]", 1)[1]
    return info.get("province", ""), name


@lru_cache(maxsize=64)
def _province_db(prefix: str):
    """stdnum's region table (``cn/loc.dat``) for the provinces matching ``prefix`` only.

    ``stdnum.numdb.get("cn/loc")`` parses all 240 kB of it — a quarter of a second, on every
    ``hall check id`` — although one ID needs one province; and importing stdnum costs more
    than the check.  :func:`console.core.regions.province_table` reads the matching top-level
    entry, with everything under it, from stdnum's file without importing stdnum: the lookup
    gives what the whole table gives.
    """
    from console.core.regions import province_table

    return province_table(prefix)


def validate_resident_id(value: str, *, today: date, field: str = "id_no") -> ResidentId:
    """Check a resident ID number; return it normalised with its birth date and region.

    ``today`` is the hall's date (``ctx.today()``, the App's clock): a birth date
    after it is refused.
    """
    if value is None:
        raise Invalid("personal.id_length", field=field, length=0)
    raw = value.strip()
    _reject_fullwidth(raw, field)
    number = raw.upper()
    if len(number) != 18:
        raise Invalid("personal.id_length", field=field, length=len(number))
    if not number[:17].isascii() or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise Invalid("personal.id_format", field=field)
    expected = id_check_digit(number[:17])
    if number[17] != expected:
        raise Invalid("personal.id_check_digit", field=field, expected=expected, got=number[17])
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise Invalid("personal.id_birth_date", field=field, value=number[6:14]) from None
    if birth > today or birth.year < 1880:
        raise Invalid("personal.id_birth_range", field=field, value=birth.isoformat())
    region = _region(number[:6])
    if region is None:
        raise Invalid("personal.id_region", field=field, code=number[:6])
    return ResidentId(number, birth, region[0], region[1], "male" if int(number[16]) % 2 else "female")


def validate_uscc(value: str, *, field: str = "uscc") -> str:
    """Check a unified social credit code (GB 32100); return it normalised."""
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    raw = (value or "").strip()
    _reject_fullwidth(raw, field)
    number = raw.upper().replace(" ", "").replace("-", "")
    try:
        return uscc.validate(number)
    except InvalidLength:
        raise Invalid("personal.uscc_length", field=field, length=len(number)) from None
    except InvalidChecksum:
        raise Invalid("personal.uscc_check_digit", field=field, expected=uscc.calc_check_digit(number)) from None
    except ValidationError:
        raise Invalid("personal.uscc_format", field=field) from None


def validate_phone(value: str, *, field: str = "phone") -> str:
    """Check a mobile (11 digits, 1[3-9]…) or landline (area code, 7–8 digits) number.

    Returns it normalised: a mobile as 11 digits, a landline as ``0371-62812345``.
    """
    raw = (value or "").strip()
    _reject_fullwidth(raw, field)
    compact = raw.replace(" ", "")
    if compact.startswith("+86"):
        compact = compact[3:].lstrip("-")
    if _MOBILE.match(compact.replace("-", "")) and compact.replace("-", "").startswith("1"):
        return compact.replace("-", "")
    match = _LANDLINE.match(compact.replace("(", "").replace(")", "-").replace("--", "-"))
    if match:
        area, local, ext = match.groups()
        return f"{area}-{local}" + (f"-{ext}" if ext else "")
    raise Invalid("personal.phone_format", field=field, value=raw)


def mask_id(number: str) -> str:
    """``410185199001011234`` → ``410185********1234`` (region and last four kept)."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str) -> str:
    """``13812345678`` → ``138****5678``; a landline keeps its area code and last four."""
    if not number:
        return ""
    if "-" in number:
        area, rest = number.split("-", 1)
        return f"{area}-" + "*" * max(len(rest) - 4, 0) + rest[-4:]
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def may_see_full(actor) -> bool:
    """True when ``actor``'s role may reveal personal numbers (:data:`REVEALED`, audited)."""
    from console.core.permissions import allowed

    return actor is not None and allowed(actor.role, "personal.full")


def shown_id(actor, number: str) -> str:
    """The ID as every screen and listing shows it: masked, whoever reads (``actor`` may reveal it)."""
    del actor  # masked for every role: the full number is revealed one record at a time, audited
    return mask_id(number)


def shown_phone(actor, number: str) -> str:
    """The phone as every screen and listing shows it: masked, whoever reads."""
    del actor
    return mask_phone(number)


#: the audit action of revealing a record's personal numbers (``personal.full``, one event a record)
REVEALED = "personal.revealed"


@dataclass(frozen=True)
class Revealed:
    """The full personal numbers of one record, revealed to the acting staff member (and audited).

    ``record`` is what it is (``case``, ``project``), ``key`` its number, ``values`` the
    full value by field (``id_no``, ``phone``); a field with nothing to hide is left out.
    """

    record: str
    key: str
    values: dict

    def as_dict(self) -> dict:
        return {"record": self.record, "key": self.key, **self.values}

    @classmethod
    def of(cls, record: str, key: str, values: dict) -> Revealed:
        """The revealed values of one record, the empty ones left out."""
        return cls(record, key, {field: value for field, value in values.items() if value})

    def summary(self) -> dict:
        """What its ``personal.revealed`` audit event says: the fields, never the numbers."""
        return {"fields": sorted(self.values)}
