"""``hall``'s root group, whose sub-commands are built only when they are used.

Typer builds the click command of every sub-command when the root is built: all
the command modules imported and every function's signature read, 200 ms before
any command runs.  :class:`LazyGroup` is the root instead: its ``commands`` is a
:class:`LazyCommands` mapping over :data:`console.cli.commandtable.COMMANDS` that
imports a command's module and builds its click command on first access, so
``hall check id …`` builds ``check`` alone.  A group is built the same way
(:func:`build_group`): ``hall queue pause`` builds ``queue`` and ``pause``, not the
twenty other ``queue`` commands.  ``hall --help``, the suggestion for a
mistyped command and shell completion of command names read the table without
building anything; walking ``commands.items()`` (the help and permission tests)
builds every command.

Each command is built the way ``Typer.add_typer`` / ``Typer.command`` would have
registered it, then given ``--format``/``-o`` (:func:`console.cli.common.add_output_options`)
and, when the root is in Chinese, its help texts translated
(:func:`console.cli.helptext.translate`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, MutableMapping

from typer import _click
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from console.cli.commandtable import COMMANDS, short_help


def build_command(name: str, *, finish: Callable[[_click.Command], _click.Command] | None = None,
                  pretty_exceptions_short: bool = True, rich_markup_mode=None) -> _click.Command:
    """The click command ``name`` of the table, as ``hall``'s root registers it.

    A group's commands are built when first used, each handed to ``finish`` (:func:`build_group`).
    """
    import typer
    from typer.main import get_command_from_info
    from typer.models import TyperInfo

    module_name, attribute, english, _chinese = COMMANDS[name]
    module = importlib.import_module(module_name)
    if attribute is None:
        return build_group(TyperInfo(module.app, name=name, help=english), finish=finish,
                           pretty_exceptions_short=pretty_exceptions_short, rich_markup_mode=rich_markup_mode)
    holder = typer.Typer()
    holder.command(name)(getattr(module, attribute))
    return get_command_from_info(holder.registered_commands[0], pretty_exceptions_short=pretty_exceptions_short,
                                 rich_markup_mode=rich_markup_mode)


class LazySubGroup(TyperGroup):
    """A group of ``hall`` (``hall queue``) whose commands are built when first used (:func:`build_group`)."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """The names, in the order Typer registers them (Typer's own walks ``items()``, building them all)."""
        return list(self.commands)


def build_group(info, *, finish: Callable[[_click.Command], _click.Command] | None = None,
                pretty_exceptions_short: bool = True, rich_markup_mode=None) -> TyperGroup:
    """The click group of the Typer ``info`` (a ``TyperInfo``), as ``get_group_from_info`` builds it, but with
    its commands — and groups — built on first access, each handed to ``finish`` then."""
    import copy

    from typer.main import get_group_from_info

    shell = copy.copy(info)
    shell.typer_instance = bare = copy.copy(info.typer_instance)
    bare.registered_commands, bare.registered_groups = [], []
    group = get_group_from_info(shell, pretty_exceptions_short=pretty_exceptions_short, suggest_commands=True,
                                rich_markup_mode=rich_markup_mode)
    if type(group) is TyperGroup:
        group.__class__ = LazySubGroup
    entries = _entries(info.typer_instance, finish=finish, pretty_exceptions_short=pretty_exceptions_short,
                       rich_markup_mode=rich_markup_mode)
    done = finish or (lambda command: command)
    group.commands = LazyCommands(entries, lambda name: done(entries[name]()))
    return group


def _entries(app, **options) -> dict[str, Callable[[], _click.Command]]:
    """How to build each command of the Typer ``app``, by name, in the order ``get_group_from_info`` registers
    them: its commands, then its groups (a group added without a name gives its commands instead)."""
    from functools import partial

    from typer.main import get_command_from_info, get_command_name, solve_typer_info_defaults

    finish = options.pop("finish")
    entries: dict[str, Callable[[], _click.Command]] = {}
    for info in app.registered_commands:
        entries[info.name or get_command_name(info.callback.__name__)] = partial(get_command_from_info, info,
                                                                                  **options)
    for info in app.registered_groups:
        name = solve_typer_info_defaults(info).name
        if name:
            entries[name] = partial(build_group, info, finish=finish, **options)
        else:
            entries.update(_entries(info.typer_instance, finish=finish, **options))
    return entries


class LazyCommands(MutableMapping):
    """Sub-commands built on first access — ``names`` (in their order) by ``build(name)`` — and any added."""

    #: :func:`console.cli.common.add_output_options` leaves them to be finished as they are built
    lazy = True

    def __init__(self, names: Iterable[str], build: Callable[[str], _click.Command],
                 added: dict[str, _click.Command] | None = None) -> None:
        self._names = dict.fromkeys(names)
        self._build = build
        self._built: dict[str, _click.Command] = dict(added or {})

    def __getitem__(self, name: str) -> _click.Command:
        command = self._built.get(name)
        if command is None:
            if name not in self._names:
                raise KeyError(name)
            command = self._built[name] = self._build(name)
        return command

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:  # pragma: no cover - click never removes commands
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._names
        yield from (name for name in self._built if name not in self._names)

    def __len__(self) -> int:
        return len(self._names) + sum(1 for name in self._built if name not in self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names or name in self._built

    def is_built(self, name: str) -> bool:
        return name in self._built


class LazyGroup(TyperGroup):
    """A Typer group whose sub-commands come from the command table, built on demand."""

    #: the language of the help texts (``translated_command`` sets it); ``None``: the current one
    lang: str | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(COMMANDS, self.build, dict(self.commands))

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """The names, in the table's order (Typer's own walks ``items()``, which would build them all)."""
        return list(self.commands)

    def build(self, name: str) -> _click.Command:
        """Build sub-command ``name``: its module imported, its output options added, its help translated."""
        return self.finish(build_command(name, finish=self.finish, rich_markup_mode=self.rich_markup_mode))

    def finish(self, command: _click.Command) -> _click.Command:
        """``command`` as ``hall`` shows it: with ``--format``/``-o`` where it reports, its help translated
        when the root is in Chinese (a group's own help; its commands are finished as they are built)."""
        from console.cli.common import add_output_options

        group = isinstance(getattr(command, "commands", None), LazyCommands)
        if not group:
            add_output_options(command)
        if self.help_language() == "zh_CN":
            from console.cli.helptext import translate

            translate(command, deep=not group)
        return command

    def help_language(self) -> str:
        if self.lang is not None:
            return self.lang
        from console.core.i18n import get_language

        return get_language()

    def _short_help(self, ctx: _click.Context, name: str, limit: int) -> str | None:
        """The short help of ``name`` (``None``: hidden or gone), from the table unless built otherwise."""
        commands = self.commands
        if name in COMMANDS and not (isinstance(commands, LazyCommands) and commands.is_built(name)
                                     and commands[name].short_help):
            return make_default_short_help(short_help(name, self.help_language()), limit).strip()
        command = self.get_command(ctx, name)
        if command is None or command.hidden:
            return None
        return command.get_short_help_str(limit)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        from typer.core import _

        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, text) for name in names if (text := self._short_help(ctx, name, limit)) is not None]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[CompletionItem]:
        """Command names from the table (with their help as click shortens it), then the options."""
        results = [CompletionItem(name, help=text) for name in self.list_commands(ctx)
                   if name.startswith(incomplete) and (text := self._short_help(ctx, name, 45)) is not None]
        results.extend(_click.Command.shell_complete(self, ctx, incomplete))
        return results
