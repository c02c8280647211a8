"""Every help text of the command line has a Chinese translation, and zh help shows it."""

import os
import subprocess
import sys
from pathlib import Path

from console.cli.helptext import help_zh, iter_help, normalize, translated_command

ROOT = Path(__file__).resolve().parents[1]


def test_every_help_text_is_translated():
    known = {normalize(k) for k in help_zh()}
    command = translated_command("en")
    missing = sorted({normalize(text) for _p, _o, _a, text in iter_help(command)} - known)
    assert missing == []


def test_chinese_help_on_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en"}
    out = subprocess.run([sys.executable, "-m", "console", "--lang", "zh_CN", "--help"], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0
    assert "政务服务大厅控制台" in out.stdout
    out = subprocess.run([sys.executable, "-m", "console", "--help"], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60)
    assert "Hall Console" in out.stdout


def test_the_help_catalog_holds_only_texts_the_commands_show():
    shown = {normalize(text) for _p, _o, _a, text in iter_help(translated_command("en"))}
    assert sorted(set(help_zh()) - shown) == [], "drop them: python -m console.cli.helptext"


def test_extracting_brings_the_help_catalog_in_line_with_the_commands(tmp_path, monkeypatch):
    import shutil

    from babel.messages.pofile import read_po, write_po

    from console.cli.helptext import extract
    from console.core.i18n import convert

    shutil.copytree(convert.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(convert, "LOCALE_DIR", tmp_path / "locale")
    po = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "help.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    gone = "Interface language: zh_CN or en (default: HALL_LANG, then the locale)."
    del catalog[gone]
    catalog.add("A command nobody has any more.", "没有了。")
    with po.open("wb") as f:
        write_po(f, catalog, width=0)
    assert extract() == {"texts": len(catalog), "new": 1, "dropped": 1, "untranslated": 1}
    with po.open("rb") as f:
        catalog = read_po(f)
    assert catalog[gone].string == "" and catalog[gone].auto_comments == ["hall --lang"]
    assert catalog.get("A command nobody has any more.") is None
    assert (po.with_suffix(".mo")).stat().st_size > 0
