"""The translation catalog is complete in both languages and covers every key the code uses."""

import ast
import re
import string
from pathlib import Path

import pytest

from console.core.i18n import catalog, detect_language, set_language, t

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_fields():
    for key, (en, zh) in catalog().items():
        assert en.strip() and zh.strip(), key
        assert _fields(en) == _fields(zh), key
        assert not HAN.search(en), f"{key}: Chinese in the English text"


def _used_keys():
    keys = set()
    for folder in ("console", "screens", "models"):
        for path in (ROOT / folder).rglob("*.py"):
            if "messages" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                    func = node.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                    if name in {"t", "HallError", "NotFound", "Invalid", "PermissionDenied", "AuthFailed",
                                "Conflict", "IntegrityBroken"} and isinstance(node.args[0].value, str):
                        keys.add((node.args[0].value, str(path.relative_to(ROOT))))
    return keys


def test_every_key_used_in_code_is_in_the_catalog():
    known = catalog()
    missing = sorted(f"{where}: {key}" for key, where in _used_keys() if key not in known)
    assert missing == []


@pytest.mark.parametrize(
    "value, expected", [("zh", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("en_US", "en"), ("fr", "en")]
)
def test_language_choice(value, expected):
    assert detect_language(value) == expected


def test_locale_decides_when_nothing_else_does(monkeypatch):
    monkeypatch.delenv("HALL_LANG", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert detect_language() == "zh_CN"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert detect_language() == "en"


def test_t_switches_language():
    try:
        set_language("zh_CN")
        assert t("errors.login_failed") == "工号或密码不正确，或账号已锁定"
        set_language("en")
        assert t("errors.login_failed") == "employee number or PIN is wrong, or the account is locked"
    finally:
        set_language("en")
