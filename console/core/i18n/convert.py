"""Fold dict message modules into the gettext catalogs, and compile the catalogs.

Run from the checkout: ``python -m console.core.i18n.convert`` (needs Babel, a test dependency).

* every ``console/core/i18n/messages/<domain>.py`` still holding ``MESSAGES = {key: (english,
  chinese)}`` becomes entries of ``locale/en/LC_MESSAGES/hall.po`` and
  ``locale/zh_CN/LC_MESSAGES/hall.po`` (msgid = the key, msgstr = the text; the domain and the
  module's section comments become ``#.`` comments), and its ``HELP_ZH = {english help: chinese}``
  entries of ``locale/zh_CN/LC_MESSAGES/help.po``; likewise every ``console/core/i18n/help_zh*.py``
  table.  The module is then deleted.  An entry already in a catalog is replaced by the module's
  text (the module is the newer one after a merge); a key defined by two of the modules is an error.
* then every ``.po`` under ``locale/`` is compiled to its ``.mo`` beside it, as ``pybabel compile``
  does (``--compile`` does only this).

``tests/test_i18n_catalogs.py`` fails while a dict module remains and while a ``.mo`` does not
match its ``.po``.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import io
import tokenize
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCALE_DIR = HERE / "locale"
MESSAGES_DIR = HERE / "messages"
LANGUAGES = ("en", "zh_CN")
DOMAIN = "hall"
HELP_DOMAIN = "help"
#: the creation date written into a new catalog's header (fixed: the files do not change by themselves)
CREATED = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)


def po_path(lang: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def dict_modules() -> list[Path]:
    """The dict modules still to fold in: ``messages/<domain>.py`` and ``help_zh*.py``."""
    found = sorted(p for p in MESSAGES_DIR.glob("*.py") if p.name != "__init__.py")
    return found + sorted(HERE.glob("help_zh*.py"))


# -- reading a dict module ---------------------------------------------------------------------------------

def section_comments(source: str) -> dict[str, str]:
    """``key → comment``: the last comment line above a ``"key": …`` entry inside a dict.

    A comment on its own line inside a dict names the entries below it, until the next such comment
    or the end of the outermost bracket.
    """
    found: dict[str, str] = {}
    depth, section, previous = 0, None, None
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for index, tok in enumerate(tokens):
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
            if depth == 0:
                section = None
        elif tok.type == tokenize.COMMENT and depth >= 1 and not tok.line[:tok.start[1]].strip():
            section = tok.string.lstrip("#:").strip() or None
        elif tok.type == tokenize.STRING and section and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following.type == tokenize.OP and following.string == ":" and previous != ":":
                try:
                    key = ast.literal_eval(tok.string)
                except ValueError:  # an f-string key
                    key = None
                if isinstance(key, str):
                    found[key] = section
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = tok.string
    return found


def _literal_tables(source: str) -> dict[str, str]:
    """Every dict literal a ``help_zh*.py`` assigns to (or updates) a name ``HELP_ZH…``.

    Read from the syntax, not imported: such a module may import tables that are gone already.
    """
    merged: dict[str, str] = {}
    for node in ast.parse(source).body:
        value = None
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.startswith("HELP_ZH")
                                                for t in node.targets):
            value = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and node.target.id.startswith("HELP_ZH"):
            value = node.value
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr == "update" and isinstance(func.value, ast.Name) \
                    and func.value.id.startswith("HELP_ZH") and node.value.args:
                value = node.value.args[0]
        if isinstance(value, ast.Dict):
            merged.update(ast.literal_eval(value))
    return merged


def read_module(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, str], dict[str, str]]:
    """``(messages, help, comments)`` of one dict module."""
    source = path.read_text(encoding="utf-8")
    if path.parent == MESSAGES_DIR:
        namespace: dict[str, object] = {"__name__": f"console.core.i18n.messages.{path.stem}"}
        exec(compile(source, str(path), "exec"), namespace)  # a data module: dicts, comprehensions, update()
        messages = dict(namespace.get("MESSAGES") or {})
        help_table = dict(namespace.get("HELP_ZH") or {})
    else:
        messages, help_table = {}, _literal_tables(source)
    for key, pair in messages.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
            raise SystemExit(f"{path.name}: {key!r} is not an (english, chinese) pair")
    return messages, help_table, section_comments(source)


# -- the catalogs ------------------------------------------------------------------------------------------

def load_po(lang: str, domain: str = DOMAIN):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(lang, domain)
    if not path.exists():
        return Catalog(locale=lang, domain=domain, project="Hall Console", version="0.1.0",
                       creation_date=CREATED, revision_date=CREATED, last_translator="Hall Console",
                       language_team=lang, charset="utf-8", fuzzy=False,
                       header_comment=f"# {'Messages' if domain == DOMAIN else 'Help texts'} of Hall Console "
                                      f"({lang}).\n# msgid: {'the message key' if domain == DOMAIN else 'the English help text, white space folded'}.\n#")
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=domain)


def save_po(catalog, lang: str, domain: str = DOMAIN) -> None:
    from babel.messages.pofile import write_po

    path = po_path(lang, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    if catalog.msgid_bugs_address == "EMAIL@ADDRESS":  # Babel's placeholder
        catalog.msgid_bugs_address = ""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, ignore_obsolete=False)
    path.write_bytes(buffer.getvalue())


def _put(catalog, msgid: str, text: str, comments: list[str]) -> str:
    """Add or replace one entry; returns ``"added"``, ``"changed"`` or ``"same"``."""
    from babel.messages.catalog import Message

    old = catalog.get(msgid)
    if old is None:
        catalog[msgid] = Message(msgid, text, auto_comments=comments)
        return "added"
    if old.string == text:
        return "same"
    old.string = text
    old.flags.discard("fuzzy")
    return "changed"


def fold(paths: list[Path] | None = None, *, delete: bool = True) -> dict[str, int]:
    """Fold ``paths`` (default: every remaining dict module) into the ``.po`` files; counts by outcome."""
    from console.core.i18n import normalize_help as normalize

    paths = dict_modules() if paths is None else paths
    catalogs = {lang: load_po(lang) for lang in LANGUAGES}
    help_po = load_po("zh_CN", HELP_DOMAIN)
    counts = {"added": 0, "changed": 0, "same": 0, "help added": 0, "help changed": 0, "help same": 0}
    seen: dict[str, str] = {}
    for path in paths:
        messages, help_table, comments = read_module(path)
        domain = path.stem if path.parent == MESSAGES_DIR else path.stem.removeprefix("help_zh").lstrip("_") or "cli"
        for key, (english, chinese) in messages.items():
            if key in seen:
                raise SystemExit(f"message key {key!r} defined twice ({seen[key]}, {path.name})")
            seen[key] = path.name
            notes = [f"domain: {domain}"] + ([comments[key]] if key in comments else [])
            outcome = _put(catalogs["en"], key, english, notes)
            outcome_zh = _put(catalogs["zh_CN"], key, chinese, notes)
            both = (outcome, outcome_zh)
            if "changed" in both:
                print(f"{path.name}: {key} changed")
            counts["changed" if "changed" in both else "added" if "added" in both else "same"] += 1
        for english, chinese in help_table.items():
            notes = [f"domain: {domain}"] + ([comments[english]] if english in comments else [])
            outcome = _put(help_po, normalize(english), chinese, notes)
            counts["help " + outcome] += 1
            if outcome == "changed":
                print(f"{path.name}: help text changed: {normalize(english)!r} → {chinese!r}")
    for lang, catalog in catalogs.items():
        save_po(catalog, lang)
    save_po(help_po, "zh_CN", HELP_DOMAIN)
    if delete:
        for path in paths:
            path.unlink()
    return counts


def compile_all() -> list[Path]:
    """Compile every ``locale/*/LC_MESSAGES/*.po`` to its ``.mo``, as ``pybabel compile`` does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        errors = [f"{po.name}: {message.id!r}: {error}" for message, errs in catalog.check() for error in errs]
        if errors:
            raise SystemExit("\n".join(errors))
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != buffer.getvalue():
            mo.write_bytes(buffer.getvalue())
            written.append(mo)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m console.core.i18n.convert", description=__doc__.split("\n")[0])
    parser.add_argument("--compile", action="store_true", help="only compile the .po files to .mo")
    parser.add_argument("--keep", action="store_true", help="do not delete the dict modules folded in")
    args = parser.parse_args(argv)
    if not args.compile:
        paths = dict_modules()
        if paths:
            counts = fold(paths, delete=not args.keep)
            print(f"folded {len(paths)} module(s): " + ", ".join(f"{n} {what}" for what, n in counts.items() if n))
        else:
            print("no dict module left to fold in")
    for mo in compile_all():
        print(f"compiled {mo.relative_to(HERE.parents[2])}")


if __name__ == "__main__":
    main()
