"""The demo hall: the Dengfeng City Administrative Service Center at the source's real scale.

:func:`~console.demo.plan.make_plan` draws the whole hall from a seeded
:class:`random.Random` (same seed ⇒ identical data) as plain rows;
:func:`build_demo`, a use case, bulk-inserts them into an empty database, records
one audit event and then runs the :data:`EXTENSIONS`.  :mod:`console.demo.target`
runs it on one clock read once — the moment of the build — in one transaction,
into a temporary file moved into place only when the build succeeded.

What is built (see :mod:`console.demo.data` for the names and texts):

* the center 登封市行政服务中心 (site code ``410185``) with its four offices and 23
  managers: administrators ``A001``… in 办公室, supervisors ``S001``… in 业务室 and
  督查室, proxy agents ``P001``… in 代办科;
* 36 departments, each with its administrative service section and an
  authorization letter signed in 2005; 28 with a chief representative (the first
  clerk of the department); 34 approval seals issued in June 2004 to the 33
  departments that moved in at the opening (公安局 holds two);
* 55 windows at the center: one to four per department, and three comprehensive
  windows (综合窗口一/二/三) shared by nine low-volume departments;
* 187 window clerks ``C001``…``C187``, each at a window of their department;
* 17 township centers with the "5 + X" windows — the five mandatory ones
  (民政, 劳动保障, 计生卫健, 国土资源, 农业服务) plus one to three local extras —
  and 256 village service rooms under them;
* the 2004 catalog of 384 items with the six disclosures, of which the yearly
  clean-ups of 2005–2008 retired 88 (some merged into a surviving item), leaving 296.

Every demo staff member's PIN is :data:`DEMO_PIN`.

Extensions: :data:`EXTENSIONS` lists ``"module:function"`` names; after the core
build each is called in order as ``fn(ctx, rng, demo)`` — ``ctx`` the build's
context with the demo's administrator ``A001`` acting (so an extension declared
as a use case has its permission checked), the same ``rng`` (so the whole build
stays deterministic), and ``demo``, a dict holding:

``seed``, ``cases``
    the ``--seed`` and ``--cases`` values (``cases`` defaults to 0);
``center_id``, ``center_code``
    the center site's id and code;
``site_ids``
    site code → id for every site; ``township_ids``: ids of the 17 township centers;
``department_ids``
    department code → id;
``window_ids``
    ``(site code, window number)`` → id; ``center_windows``: the center's window
    numbers in order; ``comprehensive_windows``: numbers of its comprehensive windows;
``staff_ids``
    employee number → id; ``clerks_by_department``: department code → clerks'
    employee numbers; ``clerk_windows``: clerk's employee number → ``(site code, number)``;
    ``managers``: role value → employee numbers;
``item_ids``, ``active_items``
    item code → id; codes of the 296 active items; ``items_by_department``:
    department code → active item codes;
``admin``
    the :class:`~console.core.auth.Actor` of ``A001``;
``pin_hash``, ``opened``
    the demo PIN's hash (reuse it; argon2 is slow) and the opening day (2004-06-18).

Extensions may add keys to ``demo`` for later extensions.  Every extension reads
the time from ``ctx`` only, so the hall built for a seed depends on the build's
moment alone: the same calendar day gives the same hall at any hour, today's
queue cut at that hour.
"""

from __future__ import annotations

import dataclasses
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from models import (
    Department,
    Item,
    Material,
    Office,
    Role,
    Seal,
    Site,
    SiteKind,
    Staff,
    Window,
    department_sites,
    window_departments,
)

from console.core.context import Context
from console.core.runner import PUBLIC, use_case
from console.demo import data
from console.demo.logins import DemoLogin, demo_logins
from console.demo.plan import DemoPlan, make_plan

DEFAULT_SEED = 2004
DEMO_PIN = "123456"
OPENED = date(2004, 6, 18)

#: ``"module:function"`` names called after the core build as ``fn(ctx, rng, demo)``
EXTENSIONS: list[str] = [
    "console.demo.queue:extend",
    "console.demo.proxy:extend",  # before the history, which counts the proxy section's cases in
    "console.demo.cases:extend",
    "console.demo.assess:extend",
]

__all__ = ["DEFAULT_SEED", "DEMO_PIN", "EXTENSIONS", "DemoLogin", "DemoPlan", "DemoResult", "build_demo",
           "is_empty", "make_plan", "resolve_extension"]


@dataclass
class DemoResult:
    """What :func:`build_demo` made: counts, log-ins to print, the moment, the extensions' context."""

    seed: int
    counts: dict[str, int]
    logins: list[DemoLogin]
    #: the moment of the build (the clock it ran on)
    moment: datetime
    #: what the extensions were given (and added), see :data:`EXTENSIONS`
    demo: dict
    #: each extension's summary, by name
    extensions: dict[str, object] = dataclasses.field(default_factory=dict)


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    """Bulk-insert ``rows`` and return their new ids in order."""
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
    return list(result.scalars())


def is_empty(session: Session) -> bool:
    """True when the database holds no sites, staff or items (a demo may be built in it)."""
    return not any(session.scalar(select(func.count()).select_from(model)) for model in (Site, Staff, Item))


def _plan(rng: random.Random, pin_hash: str | None) -> tuple[DemoPlan, str]:
    from console.core.auth import hash_pin

    if pin_hash is not None:
        return make_plan(rng), pin_hash
    # argon2 runs in C without the GIL: hash while the plan is drawn
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        hashing = pool.submit(hash_pin, DEMO_PIN)
        plan = make_plan(rng)
        return plan, hashing.result()


@use_case(PUBLIC, write=True, audit="demo.built")
def build_demo(ctx: Context, *, seed: int = DEFAULT_SEED, cases: int = 0,
               pin_hash: str | None = None) -> DemoResult:
    """Build the demo hall into an empty database.

    Public: it runs only on an empty database, where nobody can log in yet.  The
    extensions run as the demo's administrator.  ``pin_hash`` is the hash of
    :data:`DEMO_PIN` (computed once here if not given).  Raises
    :class:`~console.core.errors.Conflict` when the database is not empty.
    """
    from console.core.errors import Conflict

    session = ctx.session
    if not is_empty(session):
        raise Conflict("demo.not_empty")
    rng = random.Random(seed)
    plan, pin_hash = _plan(rng, pin_hash)
    ids = _insert_plan(session, plan, pin_hash)
    counts = _counts(plan)
    from console.demo.network import insert_network_staff, network_staff

    network = network_staff(plan, seed)
    ids["staff"].update(insert_network_staff(session, network, ids, pin_hash))
    counts["township_clerks"] = sum(1 for r in network if r["role"] == Role.clerk)
    counts["village_agents"] = sum(1 for r in network if r["role"] == Role.village_agent)
    session.flush()
    ctx.audit("demo.built", "demo", seed, {"seed": seed, "cases": cases, **counts}, actor=None)
    ctx.flush_audit()  # the build's event first in the chain, before the extensions' own
    demo = _demo_context(plan, ids, seed=seed, cases=cases, pin_hash=pin_hash)
    as_admin = dataclasses.replace(ctx, actor=demo["admin"])
    summaries = {}
    for name in EXTENSIONS:
        summaries[name] = resolve_extension(name)(as_admin, rng, demo)
        session.flush()
    return DemoResult(seed=seed, counts=counts, logins=demo_logins(plan), moment=ctx.now(), demo=demo,
                      extensions=summaries)


def _insert_plan(session: Session, plan: DemoPlan, pin_hash: str) -> dict[str, dict]:
    """Bulk-insert the plan's rows; the new ids by kind and code."""
    site_ids: dict[str, int] = {}
    for kind in (SiteKind.center, SiteKind.township, SiteKind.village):
        rows = [s for s in plan.sites if s["kind"] == kind]
        ids = _insert(session, Site, [
            {"code": s["code"], "name": s["name"], "kind": s["kind"], "address": s["address"],
             "parent_id": site_ids[s["parent"]] if s["parent"] else None, "active": True} for s in rows])
        site_ids.update(zip((s["code"] for s in rows), ids))
    center_id = site_ids[data.CENTER_CODE]

    office_ids = dict(zip((o["code"] for o in plan.offices), _insert(session, Office, [
        {"site_id": center_id, **o} for o in plan.offices])))
    dept_ids = dict(zip((d["code"] for d in plan.departments), _insert(session, Department, [
        {**d, "active": True} for d in plan.departments])))
    session.execute(department_sites.insert(), [
        {"department_id": dept_ids[d], "site_id": site_ids[s]} for d, s in plan.department_sites])
    _insert(session, Seal, [
        {"department_id": dept_ids[s["department"]], "number": s["number"], "name": s["name"],
         "issued": s["issued"]} for s in plan.seals])

    window_keys = [(w["site"], w["number"]) for w in plan.windows]
    window_ids = dict(zip(window_keys, _insert(session, Window, [
        {"site_id": site_ids[w["site"]], "number": w["number"], "name": w["name"], "active": True}
        for w in plan.windows])))
    session.execute(window_departments.insert(), [
        {"window_id": window_ids[(w["site"], w["number"])], "department_id": dept_ids[code]}
        for w in plan.windows for code in w["departments"]])

    staff_ids = dict(zip((s["employee_no"] for s in plan.staff), _insert(session, Staff, [
        {"employee_no": s["employee_no"], "name": s["name"], "role": s["role"], "site_id": center_id,
         "office_id": office_ids[s["office"]] if s["office"] else None,
         "department_id": dept_ids[s["department"]] if s["department"] else None,
         "window_id": window_ids[s["window"]] if s["window"] else None,
         "pin_hash": pin_hash, "failed_attempts": 0, "locked": False, "active": True,
         "created_at": s["created_at"], "phone": ""}
        for s in plan.staff])))
    session.execute(update(Department), [
        {"id": dept_ids[d], "chief_representative_id": staff_ids[e]} for d, e in plan.chiefs.items()])

    item_columns = ("code", "name", "legal_basis", "procedure", "promised_days", "fee_fen", "fee_standard",
                    "fee_basis", "waiver_allowed", "catalog_year", "retired_year", "pinyin_initials")
    item_ids = dict(zip((i["code"] for i in plan.items), _insert(session, Item, [
        {**{c: i[c] for c in item_columns}, "department_id": dept_ids[i["department"]]} for i in plan.items])))
    merges = [{"id": item_ids[i["code"]], "merged_into_id": item_ids[i["merged_into"]]}
              for i in plan.items if i["merged_into"]]
    if merges:
        session.execute(update(Item), merges)
    session.execute(insert(Material), [
        {"item_id": item_ids[i["code"]], **m} for i in plan.items for m in i["materials"]])
    return {"sites": site_ids, "departments": dept_ids, "windows": window_ids, "staff": staff_ids,
            "items": item_ids}


def _counts(plan: DemoPlan) -> dict[str, int]:
    return {
        "sites": len(plan.sites),
        "townships": sum(1 for s in plan.sites if s["kind"] == SiteKind.township),
        "villages": sum(1 for s in plan.sites if s["kind"] == SiteKind.village),
        "departments": len(plan.departments),
        "windows": len(plan.windows),
        "seals": len(plan.seals),
        "staff": len(plan.staff),
        "clerks": sum(1 for s in plan.staff if s["role"] == Role.clerk),
        "chief_representatives": len(plan.chiefs),
        "items": len(plan.items),
        "active_items": sum(1 for i in plan.items if i["retired_year"] is None),
    }


def _demo_context(plan: DemoPlan, ids: dict[str, dict], *, seed: int, cases: int, pin_hash: str) -> dict:
    """What the extensions are given (see :data:`EXTENSIONS`)."""
    from console.core.auth import Actor

    site_ids, staff_ids = ids["sites"], ids["staff"]
    center_id = site_ids[data.CENTER_CODE]
    admin_no = next(s["employee_no"] for s in plan.staff if s["role"] == Role.admin)
    admin = Actor(id=staff_ids[admin_no], employee_no=admin_no,
                  name=next(s["name"] for s in plan.staff if s["employee_no"] == admin_no),
                  role=Role.admin, site_id=center_id)
    clerks_by_department: dict[str, list[str]] = {}
    managers: dict[str, list[str]] = {}
    for s in plan.staff:
        if s["role"] == Role.clerk:
            clerks_by_department.setdefault(s["department"], []).append(s["employee_no"])
        else:
            managers.setdefault(s["role"].value, []).append(s["employee_no"])
    items_by_department: dict[str, list[str]] = {}
    for i in plan.items:
        if i["retired_year"] is None:
            items_by_department.setdefault(i["department"], []).append(i["code"])
    return {
        "seed": seed,
        "cases": cases,
        "center_id": center_id,
        "center_code": data.CENTER_CODE,
        "site_ids": site_ids,
        "township_ids": [site_ids[s["code"]] for s in plan.sites if s["kind"] == SiteKind.township],
        "department_ids": ids["departments"],
        "window_ids": ids["windows"],
        "center_windows": [w["number"] for w in plan.windows if w["site"] == data.CENTER_CODE],
        "comprehensive_windows": [w["number"] for w in plan.windows
                                  if w["site"] == data.CENTER_CODE and len(w["departments"]) > 1],
        "staff_ids": staff_ids,
        "clerks_by_department": clerks_by_department,
        "clerk_windows": {s["employee_no"]: s["window"] for s in plan.staff if s["window"]},
        "managers": managers,
        "item_ids": ids["items"],
        "active_items": [i["code"] for i in plan.items if i["retired_year"] is None],
        "items_by_department": items_by_department,
        "admin": admin,
        "pin_hash": pin_hash,
        "opened": OPENED,
    }


def resolve_extension(name: str) -> Callable:
    """The function named ``"module:function"``."""
    module_name, _, func_name = name.partition(":")
    return getattr(importlib.import_module(module_name), func_name)
