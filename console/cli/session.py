"""``hall login``, ``hall logout``, ``hall whoami`` and ``hall session list|revoke``.

``hall login`` asks the PIN once and keeps a session token in the user's state
directory (``sessions/<database>.json``, 0600 in a 0700 folder): later commands
act as that staff member without ``--as`` and without argon2.  The database keeps
only the token's hash.  ``--as`` with ``HALL_PIN`` keeps working for scripts.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, STATE, report, run, runner, settings, show
from console.core.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from console.core.auth import Actor

app = typer.Typer(no_args_is_help=True)


def session_file() -> Path:
    """Where this user's session on this invocation's database is kept."""
    from models.urls import normalize_url

    current = settings()
    url = normalize_url(current.default_database_url)
    return current.state_dir / "sessions" / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}.json"


def _read_token() -> tuple[str, str] | None:
    path = session_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data["employee_no"]), str(data["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def session_actor() -> Actor | None:
    """The staff member of the kept session, if it is still open (a read; no PIN, no write lock)."""
    from console.org.sessions import resume_session

    from console.cli.lightdb import runner_for

    kept = _read_token()
    if kept is None:
        return None
    return runner_for(resume_session).run(resume_session, kept[1])


def login(
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Log in once (the PIN is asked here) and act in a session until the end of the day or `hall logout`."""
    from console.cli.common import acting_staff
    from console.core.files import write_private
    from console.org.sessions import open_session

    actor = acting_staff(fresh=True)
    origin = f"{getpass.getuser()}@{socket.gethostname()}"
    opened = runner().run(open_session, origin, actor=actor)
    write_private(session_file(), json.dumps({"employee_no": opened.employee_no, "token": opened.token,
                                              "expires_at": opened.expires_at.isoformat(sep=" ")}).encode())
    typer.echo(t("trust.logged_in", who=f"{actor.employee_no} {actor.name}",
                 until=opened.expires_at.strftime("%Y-%m-%d %H:%M")))


def logout(db: Optional[str] = DB_OPTION) -> None:
    """End the session of this user on this database."""
    from console.org.sessions import close_session

    kept = _read_token()
    path = session_file()
    if kept is not None:
        runner().run(close_session, kept[1])
    path.unlink(missing_ok=True)
    typer.echo(t("trust.logged_out") if kept else t("trust.not_logged_in"))


def whoami(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Who acts: the staff member of the session (or of --as) and their role."""
    from console.cli.common import acting_staff

    actor = acting_staff()
    info = {"employee_no": actor.employee_no, "name": actor.name, "role": actor.role.value,
            "session": not (STATE.as_ and _read_token() is None)}
    show(info, text=lambda i: t("trust.whoami", who=f"{i['employee_no']} {i['name']}",
                                role=t(f"staff.role_{i['role']}")))


@app.command("list")
def list_(
    include_ended: bool = typer.Option(False, "--all", help="Also sessions that ended or were revoked."),
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List command-line sessions (administrators)."""
    from console.org.sessions import list_sessions

    report(list_sessions, include_ended=include_ended, table=lambda rows: (
        [t("trust.col_id"), t("trust.col_staff"), t("trust.col_opened"), t("trust.col_until"),
         t("trust.col_revoked"), t("trust.col_origin")],
        [[r.id, f"{r.employee_no} {r.name}", r.created_at, r.expires_at, r.revoked_at or "", r.origin]
         for r in rows],
    ))


@app.command("revoke")
def revoke(
    session_id: int = typer.Argument(..., metavar="ID", help="The session's id (hall session list)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """End somebody's session now (administrators)."""
    from console.org.sessions import revoke_session

    row = run(revoke_session, session_id)
    typer.echo(t("trust.session_revoked", id=row.id, who=row.employee_no))
