"""The messages are gettext catalogs: compiled, complete, read lazily, packaged; dict modules fold in."""

import fnmatch
import gettext
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from console.core import i18n
from console.core.i18n import convert

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "console" / "core" / "i18n" / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def _entries(catalog):
    return {m.id: m.string for m in catalog if m.id}


def test_the_catalogs_are_there():
    names = {p.relative_to(LOCALE).as_posix() for p in CATALOGS}
    assert {"en/LC_MESSAGES/hall.po", "zh_CN/LC_MESSAGES/hall.po", "zh_CN/LC_MESSAGES/help.po"} <= names


def test_no_dict_module_is_left():
    left = [p.relative_to(ROOT).as_posix() for p in convert.dict_modules()]
    assert left == [], "fold them into the catalogs: python -m console.core.i18n.convert"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.relative_to(LOCALE).as_posix())
def test_every_compiled_catalog_matches_its_source(po):
    with po.open("rb") as f:
        source = read_po(f)
    assert not source.fuzzy and [m.id for m in source if m.id and m.fuzzy] == [], "fuzzy entries do not compile"
    assert [m.id for m in source if m.id and not m.string] == [], f"untranslated entries in {po.name}"
    assert [(m.id, e) for m, errors in source.check() for e in errors] == []
    compiled = io.BytesIO()
    write_mo(compiled, source)
    compiled.seek(0)
    with po.with_suffix(".mo").open("rb") as f:
        committed = _entries(read_mo(f))
    assert committed == _entries(read_mo(compiled)) == _entries(source), (
        f"{po.with_suffix('.mo').name} is stale: python -m console.core.i18n.convert --compile")


def test_both_languages_have_the_same_keys():
    with (LOCALE / "en/LC_MESSAGES/hall.po").open("rb") as f:
        english = _entries(read_po(f))
    with (LOCALE / "zh_CN/LC_MESSAGES/hall.po").open("rb") as f:
        chinese = _entries(read_po(f))
    assert sorted(english.keys() ^ chinese.keys()) == []
    assert len(english) > 1000
    assert i18n.catalog()["errors.login_failed"] == (english["errors.login_failed"], chinese["errors.login_failed"])


def test_t_reads_the_compiled_catalog():
    english = gettext.translation("hall", LOCALE, languages=["en"])
    chinese = gettext.translation("hall", LOCALE, languages=["zh_CN"])
    assert i18n.t_lang("en", "errors.bad_date", value="x") == english.gettext("errors.bad_date").format(value="x")
    assert i18n.t_lang("zh_CN", "errors.bad_date", value="x") == chinese.gettext("errors.bad_date").format(value="x")
    assert i18n.t_lang("zh_CN", "no.such.key") == "no.such.key"
    assert i18n.t("no.such.key", value=1) == "no.such.key"


def test_the_catalogs_are_read_on_first_use_not_at_import():
    code = ("import gettext, console.core.i18n as i18n, console.cli.main\n"
            "assert i18n.catalog.cache_info().currsize == 0 and i18n._texts.cache_info().currsize == 0\n"
            "assert not gettext._translations, gettext._translations\n"
            "i18n.set_language('zh_CN'); print(i18n.t('errors.login_failed'))\n"
            "assert gettext._translations\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "工号或密码不正确，或账号已锁定"


def test_the_catalogs_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"].get("namespaces", True), "locale folders have no __init__.py"
    globs = [g for patterns in config["package-data"].values() for g in patterns]
    files = [p for p in LOCALE.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".po", ".mo"}
    assert [p.name for p in files if not any(fnmatch.fnmatch(p.name, g) for g in globs)] == []
    assert any(fnmatch.fnmatch("console", g) for g in config["packages"]["find"]["include"])


ROLES = '''"""Messages of roles."""

MESSAGES = {
    # the role list
    "roles.title": ("Roles", "角色"),
    "roles.count": ("{count} roles", "共 {count} 个角色"),
    # reused
    "errors.login_failed": ("wrong PIN", "密码不对"),
}
'''

HELP = '''"""Help of roles."""

HELP_ZH_ROLES: dict[str, str] = {
    "List the roles.": "列出角色。",
}
HELP_ZH = HELP_ZH_ROLES
'''


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of the i18n folder's catalogs with a new dict module and help table in it."""
    shutil.copytree(LOCALE, tmp_path / "locale")
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "__init__.py").write_text("")
    (tmp_path / "messages" / "roles.py").write_text(ROLES, encoding="utf-8")
    (tmp_path / "help_zh_roles.py").write_text(HELP, encoding="utf-8")
    monkeypatch.setattr(convert, "HERE", tmp_path)
    monkeypatch.setattr(convert, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(convert, "MESSAGES_DIR", tmp_path / "messages")
    return tmp_path


def test_the_conversion_folds_a_dict_module_into_the_catalogs(sandbox):
    assert [p.name for p in convert.dict_modules()] == ["roles.py", "help_zh_roles.py"]
    convert.main([])
    assert convert.dict_modules() == [] and not (sandbox / "messages" / "roles.py").exists()
    english = gettext.translation("hall", sandbox / "locale", languages=["en"])
    chinese = gettext.translation("hall", sandbox / "locale", languages=["zh_CN"])
    assert english.gettext("roles.count") == "{count} roles" and chinese.gettext("roles.count") == "共 {count} 个角色"
    assert chinese.gettext("errors.login_failed") == "密码不对", "the module is the newer text"
    assert chinese.gettext("queue.called") == i18n.t_lang("zh_CN", "queue.called"), "the rest is kept"
    help_zh = gettext.translation("help", sandbox / "locale", languages=["zh_CN"])
    assert help_zh.gettext("List the roles.") == "列出角色。"
    po = (sandbox / "locale" / "zh_CN" / "LC_MESSAGES" / "hall.po").read_text(encoding="utf-8")
    assert '#. domain: roles\n#. the role list\nmsgid "roles.count"' in po
    assert '#. domain: roles\n#. the role list\nmsgid "roles.title"' in po


def test_a_key_in_two_modules_is_refused(sandbox):
    (sandbox / "messages" / "more.py").write_text('MESSAGES = {"roles.title": ("x", "x")}\n')
    with pytest.raises(SystemExit, match="roles.title"):
        convert.main([])
    assert (sandbox / "messages" / "roles.py").exists(), "nothing deleted"


def test_a_dict_module_not_yet_folded_in_is_still_read(monkeypatch, tmp_path):
    from console.core.i18n import messages

    (tmp_path / "roles_probe.py").write_text(ROLES, encoding="utf-8")
    monkeypatch.setattr(messages, "__path__", [str(tmp_path)])
    i18n.catalog.cache_clear(), i18n._texts.cache_clear(), i18n._legacy.cache_clear()
    try:
        assert i18n.t_lang("zh_CN", "roles.count", count=3) == "共 3 个角色"
        assert i18n.t_lang("zh_CN", "errors.login_failed") == "密码不对", "the module is the newer text"
        assert i18n.catalog()["roles.title"] == ("Roles", "角色")
    finally:
        monkeypatch.undo()
        sys.modules.pop(f"{messages.__name__}.roles_probe", None)
        i18n.catalog.cache_clear(), i18n._texts.cache_clear(), i18n._legacy.cache_clear()
    assert i18n.t_lang("en", "roles.count") == "roles.count"
    assert i18n.t_lang("en", "errors.login_failed") == "employee number or PIN is wrong, or the account is locked"
