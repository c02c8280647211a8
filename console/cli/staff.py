"""``hall staff``: add, list, lock, unlock, reset-pin, deactivate.

Every command acts ``--as`` a staff member: ``list`` needs ``staff.read``, the
others ``staff.manage`` (administrators).  A new PIN comes from ``HALL_NEW_PIN``
with ``--pin-from-env``, otherwise from a hidden prompt asked twice — after the
permission is checked, so nobody is asked for a PIN they may not set.
"""

from __future__ import annotations

import os
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, actor_for, report, runner
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

PIN_FROM_ENV = typer.Option(False, "--pin-from-env", help="Take the new PIN from HALL_NEW_PIN instead of asking.")
EMPLOYEE_NO = typer.Argument(..., metavar="EMPLOYEE_NO", help="The staff member's employee number.")


def role_label(role: str) -> str:
    """The translated name of a role."""
    return t(f"staff.role_{role}")


def new_pin(from_env: bool) -> str:
    """The new PIN: HALL_NEW_PIN (with --pin-from-env) or a hidden prompt asked twice."""
    from console.core.auth import check_new_pin
    from console.core.errors import Invalid

    if from_env:
        pin = os.environ.get("HALL_NEW_PIN")
        if not pin:
            raise Invalid("staff.new_pin_missing", field="pin")
        return check_new_pin(pin)
    first = typer.prompt(t("staff.new_pin_prompt"), hide_input=True)
    check_new_pin(first)
    second = typer.prompt(t("staff.new_pin_again"), hide_input=True)
    if first != second:
        raise Invalid("staff.pin_mismatch", field="pin")
    return first


@app.command("add")
def add(
    employee_no: str = EMPLOYEE_NO,
    name: str = typer.Option(..., "--name", help="Full name (at most 50 characters)."),
    role: str = typer.Option(..., "--role", help="clerk, proxy_agent, supervisor or admin."),
    department: Optional[str] = typer.Option(None, "--department", metavar="CODE", help="Department code or name."),
    window: Optional[str] = typer.Option(
        None, "--window", metavar="SITECODE:NUMBER",
        help="The window: SITECODE:NUMBER, or NUMBER at --site (default: your own site).",
    ),
    site: Optional[str] = typer.Option(None, "--site", metavar="CODE", help="Site code (default: the window's, else yours)."),
    pin_from_env: bool = PIN_FROM_ENV,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add a staff member with a new PIN (6 to 8 digits)."""
    from console.org.staff import add_staff

    actor = actor_for(add_staff)  # the permission before the PIN prompt
    pin = new_pin(pin_from_env)
    row = runner().run(add_staff, employee_no, name=name, role=role, pin=pin, department=department,
                       window=window, site=site, actor=actor)
    typer.echo(t("staff.added", employee_no=row.employee_no, name=row.name, role=role_label(row.role)))


def _state(row) -> str:
    if not row.active:
        return t("staff.state_inactive")
    if row.locked:
        return t("staff.state_locked")
    return t("staff.state_ok") if row.credential_set else t("staff.state_no_pin")


@app.command("list")
def list_(
    role: Optional[str] = typer.Option(None, "--role", help="Only this role."),
    site: Optional[str] = typer.Option(None, "--site", metavar="CODE", help="Only staff of this site."),
    department: Optional[str] = typer.Option(None, "--department", metavar="CODE", help="Only this department."),
    all_: bool = typer.Option(False, "--all", help="Include deactivated staff."),
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List staff (never their PINs)."""
    from console.org.staff import list_staff

    report(list_staff, role=role, include_inactive=all_, site=site, department=department, table=lambda rows: (
        [t("staff.col_employee_no"), t("staff.col_name"), t("staff.col_role"), t("staff.col_site"),
         t("staff.col_department"), t("staff.col_window"), t("staff.col_state")],
        [[r.employee_no, r.name, role_label(r.role), r.site, r.department or r.office, r.window, _state(r)]
         for r in rows],
    ))


@app.command("lock")
def lock(employee_no: str = EMPLOYEE_NO, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Lock a staff member's account (not your own)."""
    from console.org.staff import lock_staff

    report(lock_staff, employee_no, text=lambda row: t("staff.locked_done", employee_no=row.employee_no))


@app.command("unlock")
def unlock(
    employee_no: str = EMPLOYEE_NO,
    recover: bool = typer.Option(
        False, "--recover",
        help="Unlock an administrator without logging in, when every administrator is locked "
             "(the database's owner only)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Unlock an account and reset its count of wrong PINs."""
    from console.org.staff import unlock_staff

    if recover:
        from console.org.recovery import recover_admin

        done = runner().run(recover_admin, employee_no)
        typer.echo(t("trust.recovered", employee_no=done))
        return
    report(unlock_staff, employee_no, text=lambda row: t("staff.unlocked_done", employee_no=row.employee_no))


@app.command("reset-pin")
def reset_pin_(
    employee_no: str = EMPLOYEE_NO,
    pin_from_env: bool = PIN_FROM_ENV,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Give a staff member a new PIN."""
    from console.org.staff import reset_pin

    actor = actor_for(reset_pin)  # the permission before the PIN prompt
    pin = new_pin(pin_from_env)
    row = runner().run(reset_pin, employee_no, pin, actor=actor)
    typer.echo(t("staff.pin_reset_done", employee_no=row.employee_no))


@app.command("deactivate")
def deactivate(employee_no: str = EMPLOYEE_NO, as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Deactivate a staff member (not yourself); their history stays."""
    from console.org.staff import deactivate_staff

    report(deactivate_staff, employee_no, text=lambda row: t("staff.deactivated_done", employee_no=row.employee_no))
