"""Plain values on the command line read without building a validation schema.

Typer turns each parameter's text into its annotated type through a Pydantic
``TypeAdapter``, and importing Pydantic and building the adapters costs more than
the rest of ``hall check id …`` together.  :func:`install` has Typer use
:class:`PlainParam` for the parameters whose reading is plain — a ``str``, a
``bool``, an ``int`` without bounds, no parser of their own — and keep its own
reading for everything else.  A ``str`` is the text itself (what the adapter
returns for a text); a flag's ``True``/``False`` is itself; an ``int`` given as
ASCII digits is ``int(text)`` (what the adapter returns for those); any other value — a sign, a space, a fraction, a word — goes
to Typer's adapter, built then, so it is accepted or refused with the message it
always had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_DIGITS = re.compile(r"[0-9]{1,18}")


def _plain_type(descriptor) -> type | None:
    """``str`` or ``int`` when ``descriptor``'s reading is plain, else ``None``."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return None
    annotation = descriptor.annotation
    if annotation is str or annotation is bool:
        return annotation
    if annotation is int and getattr(info, "min", None) is None and getattr(info, "max", None) is None:
        return int
    return None


def install() -> None:
    """Have Typer build :class:`PlainParam` for plain parameters (once per process)."""
    from typer import _coercion, core

    if getattr(core, "_hall_plain_params", False):
        return
    original = core.build_runtime_param

    @dataclass(frozen=True)
    class PlainParam(_coercion.RuntimeParam):
        """A ``str`` or an ``int`` read directly; anything unusual read by Typer's own runtime parameter."""

        kind: type = str
        descriptor: Any = None
        _fallback: list = field(default_factory=list, compare=False, repr=False)

        def _coerce_value(self, value: Any, param, ctx) -> Any:
            if self.kind is str and isinstance(value, str):
                return value
            if self.kind is bool and isinstance(value, bool):
                return value
            if self.kind is int:
                if isinstance(value, int) and not isinstance(value, bool):
                    return value
                if isinstance(value, str) and _DIGITS.fullmatch(value):
                    return int(value)
            if not self._fallback:
                self._fallback.append(original(self.descriptor))
            return self._fallback[0]._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor):
        kind = _plain_type(descriptor)
        if kind is None:
            return original(descriptor)
        return PlainParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                          kind=kind, descriptor=descriptor)

    core.build_runtime_param = build
    core._hall_plain_params = True
