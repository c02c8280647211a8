"""No English left in the Chinese command line (and no Chinese in the English one): every
``--help`` of the tree, Click's and Typer's own strings, usage errors and domain errors; the
compiled catalog of Click's strings agrees with its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from console.cli.helptext import translated_command
from console.core.i18n import set_language
from tests.langcheck import english_words, han

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "console" / "cli" / "locale" / "zh_CN" / "LC_MESSAGES"


GLOSS = re.compile(r"\([^()]*\)")


def _paths(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _paths(sub, path + (name,))


def _invoke(lang, *args):
    set_language(lang)
    try:
        command = translated_command(lang)
        return CliRunner().invoke(command, ["--lang", lang, *args], prog_name="hall", env={"HALL_LANG": lang})
    finally:
        set_language("en")


def _all_paths():
    return list(_paths(translated_command("en")))


#: values typed on the command line that help texts name (choices, CSV columns, file formats)
CLI_VALUES = {"elderly", "disabled", "military", "mine", "all", "workday", "holiday", "date", "kind", "note",
              "approved", "hearing", "supplement", "testing", "cash", "card", "other", "center", "township",
              "village", "admin", "clerk", "supervisor", "business", "discipline", "manual", "open", "text",
              "markdown", "window", "staff", "person", "organization", "table", "shell", "espeak", "ng",
              "village_agent", "level", "month", "department", "site", "base", "tty", "tendering", "auction",
              "inspection", "quarantine", "appraisal", "expert_review", "public_notice", "expert", "review", "public"}


def _command_names() -> set[str]:
    """Names of commands and sub-commands, and the values the commands take: names, not English prose."""
    return {part for path in _all_paths() for name in path for part in name.split("-")} | CLI_VALUES


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_help_page_is_in_the_interface_language(lang):
    problems = {}
    names = _command_names()
    for path in _all_paths():
        result = _invoke(lang, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        # English help may gloss a term with its Chinese in parentheses: "no-show (过号)"
        found = english_words(result.output, names) if lang == "zh_CN" else han(GLOSS.sub("", result.output))
        if found:
            problems[" ".join(("hall",) + path)] = sorted(set(found))[:8]
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_chinese_help_has_clicks_strings_and_natural_metavars():
    out = _invoke("zh_CN", "calendar", "due", "--help").output
    assert out.startswith("用法：hall calendar due [OPTIONS] DATE DAYS")
    assert "显示本帮助并退出。" in out and "[必填]" in out and "选项:" in out and "参数:" in out
    assert "<str>" not in out and "{DATE}" not in out
    top = _invoke("zh_CN", "--help").output
    assert "--lang LANG" in top and "命令:" in top


#: bad invocations and what the Chinese error says
USAGE_ERRORS = [
    (("calendar", "due"), "错误：缺少参数 'DATE'。"),
    (("case", "list", "--bogus"), "错误：没有选项：--bogus"),
    (("calendar", "due", "x", "y"), "错误：'DAYS' 的值无效：应为整数"),
    (("calendar", "due", "2026-01-01", "3", "extra"), "错误：多余的参数（extra）"),
    (("nosuch",), "错误：没有命令 'nosuch'。"),
]

#: the option parser's own errors (said without the usage line)
PARSER_ERRORS = [
    (("ticket", "take", "--service"), "错误：选项 '--service' 需要 1 个值。", "Error: Option '--service' requires an argument."),
    (("--version=3",), "错误：选项 '--version' 不带值。", "Error: Option '--version' does not take a value."),
]


@pytest.mark.parametrize("args, expected", USAGE_ERRORS)
def test_usage_errors_in_chinese(args, expected):
    result = _invoke("zh_CN", *args)
    assert result.exit_code == 2
    assert expected in result.output
    assert "请用“hall" in result.output and "查看帮助。" in result.output
    assert english_words(result.output, {"extra", "nosuch", "bogus"}) == [], result.output


@pytest.mark.parametrize("args, chinese, english", PARSER_ERRORS)
def test_the_option_parsers_errors_in_both_languages(args, chinese, english):
    result = _invoke("zh_CN", *args)
    assert result.exit_code == 2 and chinese in result.output
    assert english_words(result.output, {"service", "version"}) == [], result.output
    result = _invoke("en", *args)
    assert result.exit_code == 2 and english in result.output and han(result.output) == []


@pytest.mark.parametrize("args", [a for a, _ in USAGE_ERRORS])
def test_usage_errors_in_english_have_no_chinese(args):
    result = _invoke("en", *args)
    assert result.exit_code == 2 and "Error: " in result.output and "Try 'hall" in result.output
    assert han(result.output) == []


def test_domain_errors_in_chinese(cli, hall):
    result = cli("case", "show", "NOPE", as_="A001", lang="zh_CN")
    assert result.exit_code == 3
    assert english_words(result.output) == [] and han(result.output), result.output
    result = cli("check", "id", "123", lang="zh_CN")
    assert result.exit_code == 4 and english_words(result.output) == [], result.output


def _key(message_id):
    return message_id if isinstance(message_id, str) else message_id[0]


def _text(string):
    return string if isinstance(string, str) else tuple(string)


def test_the_compiled_catalog_agrees_with_its_source():
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    with open(LOCALE / "click.po", "rb") as f:
        po = {_key(m.id): _text(m.string) for m in read_po(f) if m.id}
    with open(LOCALE / "click.mo", "rb") as f:
        mo = {_key(m.id): _text(m.string) for m in read_mo(f) if m.id}
    assert po == mo, "click.mo is stale: pybabel compile -D click -d console/cli/locale -l zh_CN"
    assert all(value if isinstance(value, str) else all(value) for value in po.values()), "untranslated entries"


def test_every_string_click_and_typer_mark_is_in_the_catalog():
    import click
    import typer
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    with open(LOCALE / "click.po", "rb") as f:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    marked = set()
    for top in (Path(click.__file__).parent, Path(typer.__file__).parent):
        for _file, _line, message, _comments, _context in extract_from_dir(
                top, keywords={"_": None, "ngettext": (1, 2)}, method_map=[("**.py", "python")]):
            marked.add(message if isinstance(message, str) else message[0])
    assert sorted(marked - known) == []
