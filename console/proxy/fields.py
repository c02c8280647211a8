"""The hand-off's fields one at a time, as :func:`console.proxy.projects.handoff` checks them.

A form checks each field as it is left with :func:`check_handoff_field`, and every
field at once before it submits, so that all its mistakes are shown together; the
hand-off itself runs the same checks.  Nothing here touches the database (a form
calls it on the UI thread).
"""

from __future__ import annotations

from console.core.errors import Invalid
from console.core.parsing import parse_yuan
from console.core.personal import validate_phone, validate_uscc

#: the largest investment accepted, in yuan (a typo guard far above any real project)
MAX_INVESTMENT_YUAN = 10**12

#: the shared amount parser's messages the hand-off words as the investment's own
_INVESTMENT_ERRORS = {
    "errors.amount_required": "proxy.investment_required",
    "errors.bad_amount": "proxy.investment_bad",
    "errors.negative_amount": "proxy.investment_negative",
}


def investment_fen(value: object) -> int:
    """The investment in yuan (``50000000``, ``5000万``) as integer fen, exactly."""
    try:
        return parse_yuan(value, "investment", max_yuan=MAX_INVESTMENT_YUAN)
    except Invalid as error:
        key = _INVESTMENT_ERRORS.get(error.key)
        if key is None:
            raise
        raise Invalid(key, field="investment", value=value) from None


def check_handoff_field(name: str, value: str) -> None:
    """Raise the :class:`Invalid` the hand-off would for field ``name`` typed as ``value`` (empty: none yet)."""
    if not value.strip():
        return
    if name == "uscc":
        validate_uscc(value, field="uscc")
    elif name == "phone":
        validate_phone(value, field="phone")
    elif name == "investment":
        investment_fen(value)
