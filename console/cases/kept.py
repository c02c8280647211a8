"""The outcome dialogs of an intake (the refusal's reason and basis, a waiver's commitment) left
half-typed are kept with the staff member's own forms (:mod:`console.core.kept_forms`, form
``intake:<dialog>``, key the intake's id): reopening the draft (F7), after a restart or on another
terminal, brings them back with it (:func:`console.cases.drafts.load_draft`).

Keeping is audited without the values: the event names the intake, the dialog and the fields filled.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from console.core import kept_forms
from console.core.errors import Invalid
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from console.core.context import Context

#: the dialogs kept, and the longest text kept in one field
DIALOGS = ("refuse", "waiver")
FIELD_LIMIT = 2000
_NAME = re.compile(r"[a-z_]{1,30}")
_FORMS = [f"intake:{dialog}" for dialog in DIALOGS]


def _fields(values) -> dict[str, str]:
    """A dialog's fields as they are kept: well-named ones only, several lines allowed."""
    names = sorted(name for name in (values or {}) if _NAME.fullmatch(str(name)))
    return kept_forms.clean_fields(values, names, limit=FIELD_LIMIT, multiline=True)


@use_case("case.accept", write=True, audit="case.dialog_kept")
def keep_intake_dialog(ctx: Context, intake_id: int, dialog: str, values: dict[str, str] | None) -> bool:
    """Keep ``values`` typed in ``dialog`` on the intake ``intake_id``; ``None`` or an empty
    dialog forgets them.  True when something is kept."""
    from console.cases.drafts import load_draft

    if dialog not in DIALOGS:
        raise Invalid("case.dialog_unknown", field="dialog", dialog=dialog)
    load_draft(ctx, intake_id)  # the intake exists and is the actor's (or their window's) to reopen
    filled = kept_forms.keep(ctx.session, ctx.actor.id, f"intake:{dialog}", str(intake_id), _fields(values),
                             at=ctx.now())
    ctx.audit("case.dialog_kept", "intake", intake_id,
              {"dialog": dialog, "fields": filled} if filled else {"dialog": dialog, "forgotten": True})
    return bool(filled)


def kept_dialogs(session: Session, staff_id: int | None, intake_id: int) -> dict[str, dict[str, str]]:
    """The dialogs ``staff_id`` kept on the intake: dialog → fields as typed."""
    stored = kept_forms.kept(session, staff_id, _FORMS, str(intake_id))
    return {form.split(":", 1)[1]: _fields(fields) for form, fields in stored.items()}


def forget_intake_dialogs(session: Session, intake_id: int) -> None:
    """Inside an acceptance or a refusal: the dialogs anyone kept on the intake are done with."""
    kept_forms.forget(session, _FORMS, str(intake_id))
