"""The demo's three-level network staff: a clerk at each of every township center's "5 + X"
windows, and an agent (代办员) in each of the 256 village service rooms.

Their names come from a generator of their own (seeded from the demo's seed), so
that adding them leaves every other row of the demo as the seed draws it.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import insert

from models import Role, SiteKind, Staff

from console.demo import data

#: the network went into service in September 2008 (the source)
NETWORK_OPENED = datetime(2008, 9, 1, 8, 0)


def network_staff(plan, seed: int) -> list[dict]:
    """One clerk per township window and one agent per village room, as plain rows."""
    from console.demo.plan import _Names

    names = _Names(random.Random(f"{seed}:network"))
    names.used.update(s["name"] for s in plan.staff)
    rows = []
    for w in plan.windows:
        if w["site"] == data.CENTER_CODE:
            continue
        rows.append({"employee_no": f"T{w['site'][-3:]}{w['number']}", "name": names(), "role": Role.clerk,
                     "site": w["site"], "department": w["departments"][0], "window": (w["site"], w["number"])})
    for s in plan.sites:
        if s["kind"] == SiteKind.village:
            rows.append({"employee_no": f"V{s['code'][-6:]}", "name": names(), "role": Role.village_agent,
                         "site": s["code"], "department": None, "window": None})
    return rows


def insert_network_staff(session, rows: list[dict], ids: dict, pin_hash: str) -> dict[str, int]:
    """Insert the network staff; employee number → id."""
    if not rows:
        return {}
    result = session.execute(insert(Staff).returning(Staff.id, sort_by_parameter_order=True), [
        {"employee_no": r["employee_no"], "name": r["name"], "role": r["role"], "site_id": ids["sites"][r["site"]],
         "office_id": None, "department_id": ids["departments"][r["department"]] if r["department"] else None,
         "window_id": ids["windows"][r["window"]] if r["window"] else None, "pin_hash": pin_hash,
         "failed_attempts": 0, "locked": False, "active": True, "created_at": NETWORK_OPENED, "phone": ""}
        for r in rows])
    return dict(zip((r["employee_no"] for r in rows), result.scalars()))
