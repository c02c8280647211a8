"""``hall site list``, ``hall department list``, ``hall window list``: the organization.

``add`` in each group acts ``--as`` an administrator (``org.manage``) and runs
the same use case as a row of ``hall org import`` (:mod:`console.org.edit`).

The three groups live here; ``console/cli/site.py``, ``department.py`` and
``window.py`` re-export them as ``app`` so that ``console.cli.main`` registers
each like any other group.  Every listing acts ``--as`` a staff member who may
read the organization (``org.read``) and prints a JSON array of objects with
``--json``.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

site_app = typer.Typer(no_args_is_help=True)
department_app = typer.Typer(no_args_is_help=True)
window_app = typer.Typer(no_args_is_help=True)

SITE_FILTER = typer.Option(None, "--site", metavar="CODE", help="Only this site (site code).")


def _yes_no(value: bool) -> str:
    return t("org.yes") if value else t("org.no")


@site_app.command("list")
def list_sites(
    kind: Optional[str] = typer.Option(None, "--kind", help="center, township or village."),
    parent: Optional[str] = typer.Option(None, "--parent", "--site", metavar="CODE",
                                         help="Only sites under this site (site code)."),
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List sites: the center, township centers and village service rooms."""
    from console.org import structure as org

    report(org.list_sites, kind=kind, parent=parent, table=lambda rows: (
        [t("org.col_code"), t("org.col_name"), t("org.col_kind"), t("org.col_parent"), t("org.col_windows")],
        [[r.code, r.name, t(f"org.kind_{r.kind}"), r.parent_name, r.windows] for r in rows],
    ))


@department_app.command("list")
def list_departments(
    site: Optional[str] = SITE_FILTER,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List departments with their service section, chief representative, letter and seals."""
    from console.org import structure as org

    report(org.list_departments, site=site, table=lambda rows: (
        [t("org.col_code"), t("org.col_name"), t("org.col_section"), t("org.col_chief"),
         t("org.col_letter"), t("org.col_seals"), t("org.col_sites")],
        [[r.code, r.name, r.service_section,
          f"{r.chief_representative} {r.chief_representative_name}" if r.chief_representative else "",
          t("org.letter", signer=r.letter_signer, date=r.letter_date) if r.letter_date else "",
          ", ".join(s.number for s in r.seals), len(r.sites)]
         for r in rows],
    ))


@window_app.command("list")
def list_windows(
    site: Optional[str] = SITE_FILTER,
    department: Optional[str] = typer.Option(None, "--department", metavar="CODE", help="Only windows serving it."),
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List windows with the departments they serve; comprehensive windows serve several."""
    from console.org import structure as org

    report(org.list_windows, site=site, department=department, table=lambda rows: (
        [t("org.col_site"), t("org.col_number"), t("org.col_name"), t("org.col_departments"),
         t("org.col_comprehensive"), t("org.col_status"), t("org.col_staff")],
        [[r.site_name, r.number, r.name, "、".join(r.department_names), _yes_no(r.comprehensive),
          t(f"org.status_{r.status}"), r.staff]
         for r in rows],
    ))


@site_app.command("add")
def add_site(
    code: str = typer.Argument(..., metavar="CODE", help="Site code (letters, digits, '.', '-', '_')."),
    name: str = typer.Option(..., "--name", help="The site's name."),
    kind: str = typer.Option(..., "--kind", help="center, township or village."),
    parent: Optional[str] = typer.Option(None, "--parent", metavar="CODE",
                                         help="Parent site: a center for a township, a township for a village."),
    address: str = typer.Option("", "--address", help="Address."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add a site (an administrator)."""
    from console.org.edit import save_site

    report(save_site, code, name=name, kind=kind, parent=parent, address=address, create_only=True,
           text=lambda saved: t("setup.site_created", code=saved.code))


@department_app.command("add")
def add_department(
    code: str = typer.Argument(..., metavar="CODE", help="Department code."),
    name: str = typer.Option(..., "--name", help="The department's name."),
    site: Optional[list[str]] = typer.Option(None, "--site", metavar="CODE", help="A site it is stationed at (repeatable)."),
    section: str = typer.Option("", "--section", help="Its administrative service section (行政服务科)."),
    chief: Optional[str] = typer.Option(None, "--chief", metavar="EMPLOYEE_NO", help="Chief representative."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add a department (an administrator)."""
    from console.org.edit import save_department

    report(save_department, code, name=name, sites=tuple(site or ()), service_section=section,
           chief_representative=chief, create_only=True,
           text=lambda saved: t("setup.department_created", code=saved.code))


@window_app.command("add")
def add_window(
    number: str = typer.Argument(..., metavar="NUMBER", help="Window number at the site, e.g. 03."),
    site: str = typer.Option(..., "--site", metavar="CODE", help="The window's site."),
    department: list[str] = typer.Option(..., "--department", metavar="CODE",
                                         help="A department it serves (repeat for a comprehensive window)."),
    name: str = typer.Option("", "--name", help="The window's name."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add a window serving one department, or several (a comprehensive window; an administrator)."""
    from console.org.edit import save_window

    report(save_window, site, number, name=name, departments=tuple(department), create_only=True,
           text=lambda saved: t("setup.window_created", code=saved.code))
