"""Chinese ``--help``: the command tree's help texts translated through the catalog.

Help texts are written in English in the command modules (docstrings and
``help=``); :data:`console.core.i18n.help_zh.HELP_ZH` maps each of them to Chinese.
:func:`translated_command` builds the click command of the ``hall`` app and, for
zh_CN, replaces every help text it knows: the root's at once, each sub-command's
when it is built (:class:`console.cli.lazy.LazyGroup` calls :func:`translate`).
``tests/test_cli_help.py`` walks the tree and fails on any help text without a
translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache


def iter_help(command, path: tuple[str, ...] = (), *,
              deep: bool = True) -> Iterator[tuple[tuple[str, ...], object, str, str]]:
    """Yield ``(path, owner, attribute, text)`` for every help text in the tree (``deep=False``: of
    ``command`` and its parameters only)."""
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if text:
            yield path, command, attribute, text
    for param in getattr(command, "params", []):
        text = getattr(param, "help", None)
        if text:
            yield path + (param.name or "",), param, "help", text
    if not deep:
        return
    for name, sub in getattr(command, "commands", {}).items():
        yield from iter_help(sub, path + (name,))


def normalize(text: str) -> str:
    """Help texts compare with their white space folded."""
    return " ".join(text.split())


def translated_command(lang: str):
    """The click command of ``hall`` with help texts in ``lang``."""
    import typer

    from console.cli.main import app

    command = typer.main.get_command(app)
    command.lang = lang
    if lang == "zh_CN":
        translate(command, deep=False)
    return command


def translate(command, *, deep: bool = True) -> None:
    """Replace every help text of ``command`` (and, ``deep``, of its sub-commands) by its Chinese."""
    table = _normalized_zh()
    for _path, owner, attribute, text in iter_help(command, deep=deep):
        translated = table.get(normalize(text))
        if translated:
            setattr(owner, attribute, translated)


@cache
def _normalized_zh() -> dict[str, str]:
    return {normalize(k): v for k, v in help_zh().items()}


def help_zh() -> dict[str, str]:
    """:data:`~console.core.i18n.help_zh.HELP_ZH` and every ``console/core/i18n/help_zh_<part>.py``'s ``HELP_ZH``."""
    import importlib
    import pkgutil

    from console.core import i18n
    from console.core.i18n.help_zh import HELP_ZH

    merged = dict(HELP_ZH)
    for info in pkgutil.iter_modules(i18n.__path__):
        if info.name.startswith("help_zh_"):
            merged.update(importlib.import_module(f"{i18n.__name__}.{info.name}").HELP_ZH)
    return merged


def language_from_argv(argv: list[str]) -> str:
    """The ``--lang`` given on the command line, else the environment's language."""
    from console.core.i18n import detect_language

    explicit = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            explicit = argv[index + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return detect_language(explicit)
