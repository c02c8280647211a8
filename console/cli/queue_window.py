"""``hall queue`` at a window: call, recall, no-show, serve, finish (or hand on), transfer, pause, resume.

Each acts ``--as`` a staff member allowed to operate the queue (``queue.operate``),
at ``--window`` or the clerk's own window.  The commands belong to the group of
:mod:`console.cli.queue`.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

WINDOW_OPTION = typer.Option(None, "--window", "-w", metavar="W",
                             help="Window number (default: the acting clerk's window).")
SITE_OPTION = typer.Option(None, "--site", metavar="CODE", help="Site code (default: the acting staff member's site).")


def _called(result) -> str:
    lines = []
    if result.closed_number:
        lines.append(t("queue.out.closed_previous", number=result.closed_number, status=result.closed_status))
    if result.number:
        lines.append(t("queue.out.called", window=result.window, number=result.number))
    else:
        lines.append(t("queue.out.nobody", window=result.window))
    return "\n".join(lines)


@app.command("call")
def call(
    window: Optional[str] = WINDOW_OPTION,
    number: Optional[str] = typer.Option(None, "--number", help="Call this waiting number out of order."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why out of order (required with --number)."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Call the next ticket (by priority, then time), or --number out of order with --reason."""
    from console.queue.window import call_next, call_number

    if number:
        report(call_number, number, reason or "", window, site=site, text=_called)
    else:
        report(call_next, window, site=site, text=_called)


@app.command("recall")
def recall_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
               as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Call the current ticket again (after the recall limit it becomes a no-show)."""
    from console.queue.actions import recall

    report(recall, window, site=site, text=lambda r: (
        t("queue.out.auto_no_show", number=r.number) if r.auto_no_show
        else t("queue.out.recalled", number=r.number, recalls=r.recalls)))


@app.command("no-show")
def no_show_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
                as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The called applicant did not come (过号)."""
    from console.queue.actions import no_show

    report(no_show, window, site=site, text=lambda r: t("queue.out.no_show", number=r.number))


@app.command("serve")
def serve_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The called applicant is at the window: start serving."""
    from console.queue.actions import start_serving

    report(start_serving, window, site=site, text=lambda r: t("queue.out.serving", number=r.number))


@app.command("finish")
def finish_cmd(
    window: Optional[str] = WINDOW_OPTION,
    hand_on: bool = typer.Option(False, "--hand-on", help="Hand on to the next linked business (多窗联办)."),
    to: Optional[str] = typer.Option(None, "--to", metavar="SERVICE", help="With --hand-on: the business."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Finish the current ticket, or hand it on to the next linked business."""
    from console.queue.actions import finish, hand_on as do_hand_on

    if hand_on:
        report(do_hand_on, window, site=site, to_service=to,
               text=lambda r: t("queue.out.handed_on", number=r.number, target=r.to_service))
    else:
        report(finish, window, site=site, text=lambda r: t("queue.out.finished", number=r.number))


@app.command("transfer")
def transfer_cmd(
    window: Optional[str] = WINDOW_OPTION,
    to_service: Optional[str] = typer.Option(None, "--to-service", metavar="CODE"),
    to_window: Optional[str] = typer.Option(None, "--to-window", metavar="W"),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Transfer the current ticket to another service or window (keeps its time, goes first)."""
    from console.queue.actions import transfer

    report(transfer, window, site=site, to_service=to_service, to_window=to_window, text=lambda r: t(
        "queue.out.transferred", number=r.number, target=r.to_service + (f"/{r.to_window}" if r.to_window else "")))


@app.command("pause")
def pause_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Pause the window (no calls until resumed)."""
    from console.queue.window import pause

    report(pause, window, site=site, text=lambda number: t("queue.out.paused", window=number))


@app.command("resume")
def resume_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
               as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Resume a paused window."""
    from console.queue.window import resume

    report(resume, window, site=site, text=lambda number: t("queue.out.resumed", window=number))
