"""The forms a staff member left half-typed (:class:`models.trust.KeptForm`): kept, read back and
forgotten by the parts' use cases (the hand-off in :mod:`console.proxy.kept`, an intake's
outcome dialogs in :mod:`console.cases.kept`), which decide who may keep what and audit it.

A kept form is its owner's alone: ``staff_id``, the kind of ``form`` and the ``key`` of what it
was for name it.  Its fields are stored as typed, without the characters a stored text refuses
(:func:`console.core.text.without_unsafe`), each at most ``limit`` characters.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from console.core.text import without_unsafe

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from sqlalchemy.orm import Session


def clean_fields(values: Mapping[str, object] | None, names: Iterable[str], *, limit: int,
                 multiline: bool = False) -> dict[str, str]:
    """``values`` for the fields ``names`` (others left out, missing ones empty), as they are kept."""
    given = values or {}
    return {name: without_unsafe(given.get(name), multiline=multiline)[:limit] for name in names}


def keep(session: Session, staff_id: int, form: str, key: str, fields: Mapping[str, str], *,
         at: datetime) -> list[str]:
    """Keep ``fields`` as ``staff_id``'s ``form`` for ``key`` (a write transaction's ``session``); the
    names of the fields filled, in order.  A form with nothing filled is forgotten instead (``[]``)."""
    from models import KeptForm

    filled = [name for name, text in fields.items() if text.strip()]
    row = session.scalar(select(KeptForm).where(KeptForm.staff_id == staff_id, KeptForm.form == form,
                                                KeptForm.key == key))
    if not filled:
        if row is not None:
            session.delete(row)
        return []
    if row is None:
        row = KeptForm(staff_id=staff_id, form=form, key=key)
        session.add(row)
    row.data = json.dumps(dict(fields), ensure_ascii=False)
    row.updated_at = at
    return filled


def kept(session: Session, staff_id: int | None, forms: Iterable[str], key: str) -> dict[str, dict[str, str]]:
    """The forms among ``forms`` that ``staff_id`` kept for ``key``: form → its fields as stored."""
    from models import KeptForm

    if not staff_id:
        return {}
    rows = session.execute(select(KeptForm.form, KeptForm.data).where(
        KeptForm.staff_id == staff_id, KeptForm.form.in_(list(forms)), KeptForm.key == key))
    return {form: json.loads(data) for form, data in rows}


def forget(session: Session, forms: Iterable[str], key: str, *, staff_id: int | None = None) -> None:
    """Forget the ``forms`` kept for ``key`` (only ``staff_id``'s when given, else anyone's)."""
    from models import KeptForm

    stmt = delete(KeptForm).where(KeptForm.form.in_(list(forms)), KeptForm.key == key)
    if staff_id is not None:
        stmt = stmt.where(KeptForm.staff_id == staff_id)
    session.execute(stmt)
