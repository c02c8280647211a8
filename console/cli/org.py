"""``hall site list``, ``hall department list``, ``hall window list``: the organization.

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
