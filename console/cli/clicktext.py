"""Click's and Typer's own strings ("Usage:", "Options", "Missing argument", "[required]"…) in
the interface language, through gettext, and metavars that read naturally.

Click and Typer mark their strings for the stdlib ``gettext`` (``from gettext import gettext
as _`` in each module).  The Chinese is a standard catalog: ``locale/zh_CN/LC_MESSAGES/click.po``
beside this module, compiled to ``click.mo`` (``pybabel compile -D click -d console/cli/locale
-l zh_CN``; ``tests/test_click_catalog.py`` checks that the two agree and that every string
Click and Typer mark is translated).  :func:`install` points those modules' ``_`` and
``ngettext`` at the catalog, chosen per call by the current language (the process may switch:
``--lang``), without touching the process environment.  The catalog is read on first use.

:func:`install_vendored` does the same for the copy of Click that Typer carries, and gives
options without a metavar their name (``--lang LANG`` instead of Typer's ``--lang <str>``) and
required arguments Click's plain ``DATE`` instead of ``{DATE}``.
"""

from __future__ import annotations

import gettext
import importlib
import sys
from functools import cache
from pathlib import Path

from console.core.i18n import get_language

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "click"
#: the modules whose ``_`` / ``ngettext`` are Click's and Typer's marked strings
MODULES = ("click.core", "click.exceptions", "click.decorators", "click.formatting", "click.parser",
           "click.types", "click.termui", "click.utils", "click.shell_completion", "click._termui_impl",
           "typer.core")


@cache
def catalog() -> gettext.NullTranslations:
    """The compiled Chinese catalog (an empty one if it is missing: English then)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["zh_CN"], fallback=True)


def _(message: str) -> str:
    return catalog().gettext(message) if get_language() == "zh_CN" else message


def ngettext(singular: str, plural: str, n: int) -> str:
    if get_language() == "zh_CN":
        return catalog().ngettext(singular, plural, n)
    return singular if n == 1 else plural


def install() -> None:
    """Route Click's and Typer's marked strings through :func:`_` and :func:`ngettext`.

    Typer's modules are imported if need be; Click's only if something imported Click already
    (Typer carries its own copy, so ``hall`` itself never imports Click).
    """
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            if name.startswith("click.") and "click" not in sys.modules:
                continue
            try:
                module = importlib.import_module(name)
            except ImportError:  # pragma: no cover - e.g. a module of another platform
                continue
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    install_vendored()


#: the vendored parser's usage errors (English f-strings there) → Click's marked string of each
_PARSER_MESSAGES = (
    (r"Option (?P<name>'.*') requires an argument\.", "Option {name!r} requires an argument.",
     "Option {name!r} requires {nargs} arguments."),
    (r"Option (?P<name>'.*') requires (?P<nargs>\d+) arguments\.", "Option {name!r} requires an argument.",
     "Option {name!r} requires {nargs} arguments."),
    (r"Option (?P<name>'.*') does not take a value\.", "Option {name!r} does not take a value.", None),
    (r"Argument (?P<name>'.*') takes (?P<nargs>\d+) values\.", "Argument {name!r} takes {nargs} values.", None),
)


def _parser_message(self) -> str:
    """A usage error of Typer's copy of Click's parser in the interface language."""
    import re

    for pattern, singular, plural in _PARSER_MESSAGES:
        match = re.fullmatch(pattern, self.message)
        if match is None:
            continue
        name = match["name"][1:-1]
        nargs = int(match.groupdict().get("nargs") or 1)
        text = ngettext(singular, plural, nargs) if plural else _(singular)
        return text.format(name=name, nargs=nargs)
    return self.message


def install_vendored() -> None:
    """Typer carries its own copy of Click (``typer._click``) whose strings are not marked.

    The same Click strings are routed through the catalog at the few places where they are
    made: the usage line, the help option, the error lines and the messages of the usage errors.
    Typer's own type display (``<str>``, ``{DATE}``) gives way to Click's plain metavars.
    """
    try:
        from typer import _coercion, core as typer_core
        from typer._click import core, exceptions, formatting
    except ImportError:  # pragma: no cover - a Typer that uses Click itself
        return
    if getattr(exceptions, "_hall_translated", False):
        return
    exceptions._hall_translated = True
    echo = exceptions.echo

    write_usage = formatting.HelpFormatter.write_usage

    def translated_usage(self, prog, args="", prefix=None):
        if prefix is None:
            prefix = _("Usage:")
            prefix += "" if prefix.endswith("：") else " "
        write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = translated_usage

    get_help_option = core.Command.get_help_option

    def translated_help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    core.Command.get_help_option = translated_help_option

    def show_click(self, file=None):
        echo(_("Error: {message}").format(message=self.format_message()),
             file=file or exceptions.get_text_stderr(), color=self.show_color)

    def show_usage(self, file=None):
        file = file or exceptions.get_text_stderr()
        color = None
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=self.ctx.command_path, option=self.ctx.help_option_names[0]) + "\n"
        if self.ctx is not None:
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        echo(_("Error: {message}").format(message=self.format_message()), file=file, color=color)

    exceptions.ClickException.show = show_click
    exceptions.UsageError.show = show_usage

    def bad_parameter(self):
        hint = self.param_hint if self.param_hint is not None else (
            self.param.get_error_hint() if self.param is not None else None)
        if hint is None:
            return _("Invalid value: {message}").format(message=self.message)
        return _("Invalid value for {param_hint}: {message}").format(
            param_hint=exceptions._join_param_hints(hint), message=self.message)

    exceptions.BadParameter.format_message = bad_parameter

    def missing_parameter(self):
        hint = self.param_hint if self.param_hint is not None else (
            self.param.get_error_hint() if self.param is not None else None)
        hint = exceptions._join_param_hints(hint)
        kind = self.param_type or (self.param.param_type_name if self.param is not None else "parameter")
        text = _("Missing {param_type}").format(param_type=_(kind)) + (f" {hint}" if hint else "")
        stop = "。" if get_language() == "zh_CN" else "."
        return f"{text}{stop} {self.message}" if self.message else text + stop

    exceptions.MissingParameter.format_message = missing_parameter

    no_such_option_init = exceptions.NoSuchOption.__init__

    def no_such_option(self, option_name, message=None, possibilities=None, ctx=None):
        if message is None:
            message = _("No such option: {name}").format(name=option_name)
        no_such_option_init(self, option_name, message, possibilities, ctx)

    def no_such_option_message(self):
        if not self.possibilities:
            return self.message
        return f"{self.message} " + _("(Possible options: {possibilities})").format(
            possibilities=", ".join(sorted(self.possibilities)))

    exceptions.NoSuchOption.__init__ = no_such_option
    exceptions.NoSuchOption.format_message = no_such_option_message

    for usage_error in (exceptions.BadOptionUsage, exceptions.BadArgumentUsage):
        usage_error.format_message = _parser_message

    fail = core.Context.fail

    def translated_fail(self, message):
        prefix = "Got unexpected extra argument(s) ("
        if message.startswith(prefix) and message.endswith(")"):
            message = ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})",
                               2).format(args=message[len(prefix):-1])
        fail(self, message)

    core.Context.fail = translated_fail

    def value_error(exc) -> str:
        from console.core.i18n import catalog as messages, t

        errors = exc.errors()
        if errors:
            key = f"clerk.cli.value.{errors[0].get('type', '')}"
            if key in messages():
                expected = (errors[0].get("ctx") or {}).get("expected", "")
                return t(key, expected=expected)
            return str(errors[0]["msg"])
        return str(exc)  # pragma: no cover

    _coercion.get_error_msg = value_error

    typer_core.TyperArgument.display_type_rich = lambda self, ctx: None
    typer_core.TyperArgument.display_name_raw = property(
        lambda self: self.metavar if self.metavar is not None else (self.name or "").upper())
    typer_core.TyperArgument._usage_display_name = _plain_usage
    option_type = typer_core.TyperOption.display_type_rich

    def option_metavar(self, ctx):
        shown = option_type(self, ctx)
        if not shown or self.metavar is not None:
            return shown
        if "|" in shown:  # a choice: the values themselves
            return "[" + shown.strip("<>") + "]"
        return (self.name or "value").upper()

    typer_core.TyperOption.display_type_rich = option_metavar


def _plain_usage(param) -> str:
    """Click's usage form of an argument: ``DATE``, ``[DATE]``, ``FILES...``."""
    name = param.metavar or (param.name or "").upper()
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")
