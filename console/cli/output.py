"""Where ``--format`` and ``-o FILE`` put a command's result (the helpers of :func:`console.cli.common.show`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from console.core.i18n import t


def _tabular(result: Any, table: Callable[[Any], Any] | None, json: Callable[[Any], Any] | None):
    """``(columns, rows, title)`` of ``result`` for csv and xlsx."""
    from console.core.tabular import records_table

    if table is not None:
        parts = table(result)
        return list(parts[0]), list(parts[1]), parts[2] if len(parts) > 2 else None
    from console.cli.common import jsonable

    data = json(result) if json is not None else jsonable(result)
    if isinstance(data, dict):
        data = [data]
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        columns, rows = records_table(data)
        return columns, rows, None
    from console.core.errors import Invalid

    raise Invalid("ops.not_tabular", field="format")


def _write_text(target: str | None, text: str) -> None:
    from console.core.text import printable

    text = printable(text)
    if target is None:
        typer.echo(text)
    else:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        _written(target)


def _written(target: str, count: int | None = None) -> None:
    """Say on standard error where the output went (standard output stays clean for pipes)."""
    if count is None:
        typer.echo(t("ops.written", path=target), err=True)
    else:
        typer.echo(t("ops.written_rows", path=target, count=count), err=True)
