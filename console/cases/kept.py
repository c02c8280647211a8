"""The outcome dialogs of an intake (the refusal's reason and basis, a waiver's commitment) left
half-typed are kept with the staff member's own forms (:class:`models.trust.KeptForm`, form
``intake:<dialog>``, key the intake's id): reopening the draft (F7), after a restart or on another
terminal, brings them back with it (:func:`console.cases.drafts.load_draft`).

Keeping is audited without the values: the event names the intake, the dialog and the fields filled.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from console.core.errors import Invalid
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from console.core.context import Context

#: the dialogs kept, and the longest text kept in one field
DIALOGS = ("refuse", "waiver")
FIELD_LIMIT = 2000
_NAME = re.compile(r"[a-z_]{1,30}")


def _plain(text: object) -> str:
    kept = "".join(ch for ch in str(text or "") if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\n")
    return kept[:FIELD_LIMIT]


@use_case("case.accept", write=True, audit="case.dialog_kept")
def keep_intake_dialog(ctx: Context, intake_id: int, dialog: str, values: dict[str, str] | None) -> bool:
    """Keep ``values`` typed in ``dialog`` on the intake ``intake_id``; ``None`` or an empty
    dialog forgets them.  True when something is kept."""
    from console.cases.drafts import load_draft
    from models import KeptForm

    if dialog not in DIALOGS:
        raise Invalid("case.dialog_unknown", field="dialog", dialog=dialog)
    load_draft(ctx, intake_id)  # the intake exists and is the actor's (or their window's) to reopen
    fields = {name: _plain(text) for name, text in (values or {}).items() if _NAME.fullmatch(str(name))}
    filled = sorted(name for name, text in fields.items() if text.strip())
    session = ctx.session
    row = session.scalar(select(KeptForm).where(KeptForm.staff_id == ctx.actor.id,
                                                KeptForm.form == f"intake:{dialog}",
                                                KeptForm.key == str(intake_id)))
    if not filled:
        if row is not None:
            session.delete(row)
            ctx.audit("case.dialog_kept", "intake", intake_id, {"dialog": dialog, "forgotten": True})
        return False
    if row is None:
        row = KeptForm(staff_id=ctx.actor.id, form=f"intake:{dialog}", key=str(intake_id))
        session.add(row)
    row.data = json.dumps(fields, ensure_ascii=False)
    row.updated_at = ctx.now()
    ctx.audit("case.dialog_kept", "intake", intake_id, {"dialog": dialog, "fields": filled})
    return True


def kept_dialogs(session: Session, staff_id: int | None, intake_id: int) -> dict[str, dict[str, str]]:
    """The dialogs ``staff_id`` kept on the intake: dialog → fields as typed."""
    from models import KeptForm

    if not staff_id:
        return {}
    rows = session.execute(select(KeptForm.form, KeptForm.data).where(
        KeptForm.staff_id == staff_id, KeptForm.form.in_([f"intake:{d}" for d in DIALOGS]),
        KeptForm.key == str(intake_id)))
    return {form.split(":", 1)[1]: {k: _plain(v) for k, v in json.loads(data).items()} for form, data in rows}


def forget_intake_dialogs(session: Session, intake_id: int) -> None:
    """Inside an acceptance or a refusal: the dialogs anyone kept on the intake are done with."""
    from models import KeptForm

    session.execute(delete(KeptForm).where(KeptForm.form.in_([f"intake:{d}" for d in DIALOGS]),
                                           KeptForm.key == str(intake_id)))
