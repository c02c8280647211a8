"""The log-ins ``hall demo`` prints: two of each manager role and four clerks, with where they sit."""

from __future__ import annotations

from dataclasses import dataclass

from models import Role

from console.demo.plan import DemoPlan


@dataclass(frozen=True)
class DemoLogin:
    """A log-in to show after the build."""

    employee_no: str
    name: str
    role: str
    window: str | None
    where: str


def demo_logins(plan: DemoPlan) -> list[DemoLogin]:
    """Two of each manager role (one per office where there are two) and four clerks."""
    depts = {d["code"]: d["name"] for d in plan.departments}
    offices = {o["code"]: o["name"] for o in plan.offices}
    windows = {(w["site"], w["number"]): w for w in plan.windows}
    picked: list[dict] = []
    for role in (Role.admin, Role.supervisor, Role.proxy_agent):
        people = [s for s in plan.staff if s["role"] == role]
        first_per_office: dict[str, dict] = {}
        for s in people:
            first_per_office.setdefault(s["office"], s)
        chosen = list(first_per_office.values())[:2]
        for s in people:
            if len(chosen) >= 2:
                break
            if s not in chosen:
                chosen.append(s)
        picked += chosen
    clerks = [s for s in plan.staff if s["role"] == Role.clerk]
    for dept in ("GAJ", "SCJG", "MZJ"):
        picked.append(next(s for s in clerks if s["department"] == dept))
    picked.append(next(s for s in clerks if len(windows[s["window"]]["departments"]) > 1))
    result = []
    for s in picked:
        window = windows[s["window"]] if s["window"] else None
        if window is None:
            where = offices[s["office"]]
        elif len(window["departments"]) > 1:
            where = f"{window['name']}（{depts[s['department']]}）"
        else:
            where = window["name"]
        result.append(DemoLogin(s["employee_no"], s["name"], s["role"].value,
                                window["number"] if window else None, where))
    return result
