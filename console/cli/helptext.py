"""Chinese ``--help``: the command tree's help texts translated through the help catalog.

Help texts are written in English in the command modules (docstrings and
``help=``); the gettext catalog ``console/core/i18n/locale/zh_CN/LC_MESSAGES/help.po``
maps each of them (white space folded) to Chinese.  :func:`translated_command` builds
the click command of the ``hall`` app and, for zh_CN, replaces every help text it
knows: the root's at once, each sub-command's when it is built
(:class:`console.cli.lazy.LazyGroup` calls :func:`translate`).  ``tests/test_cli_help.py``
walks the tree and fails on any help text without a translation; ``python -m
console.cli.helptext`` adds the new ones to the catalog, untranslated.
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
    from console.core.i18n import normalize_help

    return normalize_help(text)


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
    """English help text (white space folded) → Chinese: the help catalog."""
    from console.core.i18n import help_table

    return help_table()


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


def extract() -> dict[str, int]:
    """Bring the help catalog in line with the command tree, as ``pybabel update`` does.

    Every help text of ``hall`` (white space folded) is a msgid of
    ``console/core/i18n/locale/zh_CN/LC_MESSAGES/help.po``, commented with the commands it
    appears in; a new text is added untranslated (or fuzzy, with the translation of a similar
    old one), a text no command shows any more is dropped.  Then the catalogs are compiled.
    ``tests/test_cli_help.py`` fails while a text is untranslated or fuzzy.
    """
    from babel.messages.catalog import Catalog

    from console.core.i18n import convert

    template = Catalog(domain=convert.HELP_DOMAIN, fuzzy=False)
    where: dict[str, list[str]] = {}
    for path, owner, attribute, text in iter_help(translated_command("en")):
        if hasattr(owner, "opts"):  # an option or argument: its command and its longest name
            command = " ".join(("hall", *path[:-1], max(owner.opts, key=len)))
        else:
            command = " ".join(("hall", *path))
        where.setdefault(normalize(text), []).append(command)
    for text, commands in where.items():
        commands = list(dict.fromkeys(commands))
        shown = commands[:3] + ([f"… and {len(commands) - 3} more"] if len(commands) > 3 else [])
        template.add(text, auto_comments=shown)
    catalog = convert.load_po("zh_CN", convert.HELP_DOMAIN)
    before = {m.id: m.string for m in catalog if m.id}
    catalog.update(template, update_creation_date=False)
    catalog.obsolete.clear()
    convert.save_po(catalog, "zh_CN", convert.HELP_DOMAIN)
    convert.compile_all()
    after = {m.id: m for m in catalog if m.id}
    return {"texts": len(after), "new": sum(1 for k in after if k not in before),
            "dropped": sum(1 for k in before if k not in after),
            "untranslated": sum(1 for m in after.values() if not m.string or m.fuzzy)}


if __name__ == "__main__":
    print(", ".join(f"{n} {what}" for what, n in extract().items()))
