"""Callbacks Textual runs without reading their signature.

Textual calls a callback with as many of its arguments as the callable takes, and finds
out how many by reading its signature (``inspect.signature``) unless the callable says so
in ``_param_count``.  ``call_later``, ``call_after_refresh`` and ``call_from_thread`` wrap
every callback in a new :func:`functools.partial`, so each call reads a signature afresh:
about 0.1 ms of the UI thread each time, a dozen times for every key a clerk presses.
:class:`Call` binds the arguments and says it takes none, and :func:`post_call` /
:func:`post_after_refresh` queue one the way ``call_later`` / ``call_after_refresh`` do.
"""

from __future__ import annotations

from typing import Any, Callable

from textual.events import Callback
from textual.messages import InvokeLater


class Call:
    """``fn(*args)``, for Textual to invoke as a callback taking no arguments."""

    __slots__ = ("fn", "args")
    #: what Textual reads instead of the signature
    _param_count = 0

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.fn, self.args = fn, args

    def __call__(self) -> Any:
        return self.fn(*self.args)

    def __repr__(self) -> str:
        return f"Call({self.fn!r})"


def post_call(node, fn: Callable[..., Any], *args: Any) -> bool:
    """``node.call_later(fn, *args)``: run ``fn(*args)`` once ``node`` has handled what is queued."""
    return node.post_message(Callback(callback=Call(fn, *args)))


def post_after_refresh(node, fn: Callable[..., Any], *args: Any) -> bool:
    """``node.call_after_refresh(fn, *args)``: run ``fn(*args)`` after the next screen update."""
    return node.post_message(InvokeLater(Call(fn, *args)))
