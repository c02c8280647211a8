"""Forms whose fields are checked as they are left, again as a wrong one is corrected, and all at once on
submit; a refusal of the use case naming a field is shown as that field's message, the cursor there.

Mixed into the case dialogs (:class:`screens.cases.dialogs.FormDialog`) and the proxy forms
(:class:`screens.proxy.form.ProxyFormScreen`); each says how it finds a field's check
(:meth:`FieldChecks.field_check`) and how it shows the messages (:meth:`FieldChecks.show_errors`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from console.core.errors import HallError


class FieldChecks:
    """The checking of a form's text fields; ``errors`` holds the message of each wrong field by name
    (``""``: a refusal of the use case that names no field of the form)."""

    #: the id of a field's Input is this prefix and the field's name
    FIELD_PREFIX = "f-"

    errors: dict[str, str]
    busy: bool

    # -- what a form provides --------------------------------------------------------------------

    def field_check(self, name: str) -> Callable[[str], object] | None:
        """The check of field ``name``: raises the typed error of a wrong value (None: not checked)."""
        raise NotImplementedError

    def field_names(self) -> list[str]:
        """The names of the form's fields, in order."""
        raise NotImplementedError

    def values(self) -> dict[str, str]:
        """What each field holds, by name."""
        raise NotImplementedError

    def show_errors(self) -> None:
        """Show :attr:`errors` (each under its field, or together)."""
        raise NotImplementedError

    # -- the checking ----------------------------------------------------------------------------

    def field_input(self, name: str):
        return self.query_one(f"#{self.FIELD_PREFIX}{name}")  # type: ignore[attr-defined]

    def field_name(self, widget) -> str | None:
        name = (widget.id or "").removeprefix(self.FIELD_PREFIX)
        return name if name in self.field_names() else None

    def check_field(self, name: str, value: str) -> bool:
        """Run field ``name``'s check on ``value``; keep or forget its message. True when it is right."""
        self.errors.pop("", None)  # the last refusal was about the old values
        check = self.field_check(name)
        try:
            if check is not None:
                check(value)
        except HallError as error:
            self.errors[name] = error.message
            self.field_input(name).add_class("-invalid")
            return False
        self.errors.pop(name, None)
        self.field_input(name).remove_class("-invalid")
        return True

    def check_all(self) -> bool:
        """Every checked field checked, all their messages shown at once, the cursor on the first wrong one."""
        self.errors.pop("", None)  # a refusal of the last submission: this one is new
        wrong = [name for name, value in self.values().items()
                 if self.field_check(name) is not None and not self.check_field(name, value)]
        self.show_errors()
        if wrong:
            self.field_input(wrong[0]).focus()
        return not wrong

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """A field is checked as it is left."""
        name = self.field_name(event.input)
        if (name is not None and self.field_check(name) is not None
                and self.is_attached and not self.busy):  # type: ignore[attr-defined]
            self.check_field(name, event.input.value)
            self.show_errors()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field said to be wrong is checked again as it is corrected: its message goes once it is right
        (a refusal of the use case, on a field with no check of its own, goes at the first change)."""
        name = self.field_name(event.input)
        if name is not None and name in self.errors and self.is_attached:  # type: ignore[attr-defined]
            self.check_field(name, event.value)
            self.show_errors()

    def show_refusal(self, error: HallError) -> bool:
        """Show a refusal of the use case: under the field it names (``waiver.deadline`` names
        ``deadline``) with the cursor there, else for the whole form. True when it named a field."""
        named = (getattr(error, "field", None) or "").rsplit(".", 1)[-1]
        known = named in self.field_names()
        self.errors[named if known else ""] = error.message
        self.show_errors()
        if known:
            self.field_input(named).add_class("-invalid")
            self.field_input(named).focus()
        return known
