"""The demo hall: the Dengfeng City Administrative Service Center at the source's real scale.

:func:`make_plan` draws the whole hall from a seeded :class:`random.Random` (same
seed ⇒ identical data) as plain rows; :func:`build_demo` bulk-inserts them into an
empty database in the caller's transaction, records one audit event and then
runs the :data:`EXTENSIONS`.

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
build each is called in order as ``fn(session, rng, ctx)`` with the same ``rng``
(so the whole build stays deterministic) and ``ctx``, a dict holding:

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
    the :class:`~console.core.auth.Actor` of ``A001`` (for audited service calls);
``pin_hash``, ``opened``
    the demo PIN's hash (reuse it; argon2 is slow) and the opening day (2004-06-18).

Extensions may add keys to ``ctx`` for later extensions.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
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

from console.demo import data

DEFAULT_SEED = 2004
DEMO_PIN = "123456"
OPENED = date(2004, 6, 18)
CATALOG_YEAR = 2004

#: ``"module:function"`` names called after the core build as ``fn(session, rng, ctx)``
EXTENSIONS: list[str] = [
    "console.demo.queue:extend_demo",
    "console.demo.cases:extend_demo",
    "console.demo.assess:extend_demo",
    "console.demo.proxy:extend_demo",
]


@dataclass
class DemoPlan:
    """The whole demo hall as plain rows; references between rows are by code."""

    sites: list[dict] = field(default_factory=list)
    offices: list[dict] = field(default_factory=list)
    departments: list[dict] = field(default_factory=list)
    department_sites: list[tuple[str, str]] = field(default_factory=list)
    seals: list[dict] = field(default_factory=list)
    windows: list[dict] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)
    chiefs: dict[str, str] = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class DemoLogin:
    """A log-in to show after the build."""

    employee_no: str
    name: str
    role: str
    window: str | None
    where: str


@dataclass
class DemoResult:
    """What :func:`build_demo` made: counts, log-ins to print and the extension context."""

    seed: int
    counts: dict[str, int]
    logins: list[DemoLogin]
    ctx: dict


# --------------------------------------------------------------------------- the plan


class _Names:
    """Unique believable Chinese personal names drawn from the seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self) -> str:
        while True:
            name = self.rng.choice(data.SURNAMES) + self.rng.choice(data.GIVEN)
            if name not in self.used:
                self.used.add(name)
                return name


def _yuan(fen: int) -> str:
    return str(fen // 100) if fen % 100 == 0 else f"{fen / 100:.2f}"


def _plan_sites(rng: random.Random, plan: DemoPlan) -> list[str]:
    plan.sites.append({"code": data.CENTER_CODE, "name": data.CENTER_NAME, "kind": SiteKind.center,
                       "parent": None, "address": data.CENTER_ADDRESS})
    towns = []
    for i, town in enumerate(data.TOWNSHIPS, start=1):
        code = f"{data.CENTER_CODE}{100 + i}"
        towns.append(code)
        plan.sites.append({"code": code, "name": f"{town}便民服务中心", "kind": SiteKind.township,
                           "parent": data.CENTER_CODE, "address": f"{data.CITY}{town}"})
    # 256 villages: 15 a township, then a few moved around at random, one extra
    counts = [data.VILLAGE_COUNT // len(towns)] * len(towns)
    for _ in range(data.VILLAGE_COUNT - sum(counts)):
        counts[rng.randrange(len(towns))] += 1
    for _ in range(12):
        a, b = rng.randrange(len(towns)), rng.randrange(len(towns))
        if counts[a] > 11:
            counts[a] -= 1
            counts[b] += 1
    names = rng.sample([f + s for f in data.VILLAGE_FIRST for s in data.VILLAGE_SECOND], data.VILLAGE_COUNT)
    k = 0
    for town_code, town, count in zip(towns, data.TOWNSHIPS, counts):
        for j in range(1, count + 1):
            village = names[k] + "村"
            k += 1
            plan.sites.append({"code": f"{town_code}{j:03d}", "name": f"{village}便民服务室",
                               "kind": SiteKind.village, "parent": town_code,
                               "address": f"{data.CITY}{town}{village}"})
    return towns


def _plan_organization(rng: random.Random, plan: DemoPlan, towns: list[str], names: _Names) -> None:
    for code, name, _role, _n in data.OFFICES:
        plan.offices.append({"code": code, "name": name})
    seal_no = 0
    for dept in data.DEPARTMENTS:
        plan.departments.append({
            "code": dept.code, "name": dept.short,
            "service_section": data.SERVICE_SECTION.format(short=dept.short),
            "letter_signer": names(),
            "letter_date": date(2005, rng.randint(3, 9), rng.randint(1, 28)),
            "letter_scope": data.LETTER_SCOPE.format(center=data.CENTER_NAME, count=dept.items),
        })
        plan.department_sites.append((dept.code, data.CENTER_CODE))
        if dept.original:
            seal_no += 1
            plan.seals.append({"department": dept.code, "number": f"DFSP2004-{seal_no:03d}",
                               "name": data.SEAL_NAME.format(department=dept.name),
                               "issued": date(2004, 6, rng.randint(1, 18))})
    second_dept, second_name = data.SECOND_SEAL
    seal_no += 1
    plan.seals.append({"department": second_dept, "number": f"DFSP2004-{seal_no:03d}",
                       "name": second_name, "issued": date(2004, 6, rng.randint(1, 18))})

    # center windows: the departments' own, then the comprehensive ones
    number = 0
    dept_windows: dict[str, list[str]] = {}
    for dept in data.DEPARTMENTS:
        for k in range(dept.windows):
            number += 1
            label = f"{dept.short}窗口" if dept.windows == 1 else f"{dept.short}窗口{k + 1}"
            plan.windows.append({"site": data.CENTER_CODE, "number": f"{number:02d}", "name": label,
                                 "departments": [dept.code]})
            dept_windows.setdefault(dept.code, []).append(f"{number:02d}")
    groups: dict[str, list[str]] = {}
    for dept in data.DEPARTMENTS:
        if dept.shared:
            groups.setdefault(dept.shared, []).append(dept.code)
    for group, codes in groups.items():
        number += 1
        plan.windows.append({"site": data.CENTER_CODE, "number": f"{number:02d}", "name": f"综合窗口{group}",
                             "departments": sorted(codes)})
        for code in codes:
            dept_windows[code] = [f"{number:02d}"]

    # township windows: 5 + X
    for town in towns:
        extras = rng.sample(data.TOWNSHIP_EXTRAS, rng.randint(1, 3))
        for n, (code, label) in enumerate(list(data.TOWNSHIP_MANDATORY) + extras, start=1):
            plan.windows.append({"site": town, "number": f"{n:02d}", "name": label, "departments": [code]})
            plan.department_sites.append((code, town))

    # managers of the four offices, then the window clerks
    counters = {"admin": 0, "supervisor": 0, "proxy_agent": 0}
    prefix = {"admin": "A", "supervisor": "S", "proxy_agent": "P"}
    started = datetime(2004, 6, 1, 8, 0)
    for office, _name, role, count in data.OFFICES:
        for _ in range(count):
            counters[role] += 1
            plan.staff.append({"employee_no": f"{prefix[role]}{counters[role]:03d}", "name": names(),
                               "role": Role(role), "office": office, "department": None, "window": None,
                               "created_at": started})
    clerk = 0
    for dept in data.DEPARTMENTS:
        windows = dept_windows[dept.code]
        for k in range(dept.clerks):
            clerk += 1
            number = f"C{clerk:03d}"
            plan.staff.append({"employee_no": number, "name": names(), "role": Role.clerk, "office": None,
                               "department": dept.code, "window": (data.CENTER_CODE, windows[k % len(windows)]),
                               "created_at": started})
            if k == 0 and dept.chief:
                plan.chiefs[dept.code] = number


def _plan_item(rng: random.Random, dept: data.DeptSpec, code: str, name: str, variant: str) -> dict:
    from console.core.textsearch import pinyin_initials

    law = rng.choice(dept.laws)
    legal = f"《{law}》第{data.chinese_number(rng.randint(5, 60))}条"
    if rng.random() < 0.3 and len(dept.laws) > 1:
        other = rng.choice([x for x in dept.laws if x != law])
        legal += f"；《{other}》第{data.chinese_number(rng.randint(3, 40))}条"
    legal += f"；《{data.ADMIN_LICENSING_LAW}》"
    optional = [step for step, p in zip(data.PROCEDURE_OPTIONAL, (0.4, 0.1, 0.15)) if rng.random() < p]
    issues_paper = any(word in name for word in ("许可", "证", "登记", "资格", "资质"))
    steps = [data.PROCEDURE_START, data.PROCEDURE_REVIEW, *optional, data.PROCEDURE_DECIDE,
             data.PROCEDURE_END[1] if issues_paper else data.PROCEDURE_END[0]]
    days = rng.randint(1, 3) if any(w in name for w in ("登记", "备案", "变更", "注销")) else rng.randint(3, 8)
    days += 5 * len(optional)
    days = max(1, min(20, days + rng.randint(-1, 2)))

    count = rng.choice((1, 2, 3, 3, 4, 4, 5, 6))
    pool = list(data.MATERIALS)
    chosen: list[str] = []
    if variant and count > 1:
        chosen.append(rng.choice(data.CHANGE_MATERIALS))
    chosen += rng.sample(pool, count - 1 - len(chosen)) if count - 1 > len(chosen) else []
    materials = [{"position": 1, "name": rng.choice(data.APPLICATION_FORMS), "required": True, "copies": 1,
                  "note": ""}]
    for position, material in enumerate(chosen[: count - 1], start=2):
        copy = "复印件" in material
        materials.append({"position": position, "name": material, "required": rng.random() < 0.85,
                          "copies": rng.choice((1, 1, 2, 3)) if not copy else rng.choice((1, 2)),
                          "note": data.COPIES_NOTE if copy else ""})

    if rng.random() < 0.6:
        fee_fen, standard, basis, waiver = 0, data.FREE_STANDARD, data.FREE_BASIS, False
    else:
        fee_fen = rng.choice(data.FEE_AMOUNTS)
        standard = rng.choice(data.FEE_STANDARDS).format(yuan=_yuan(fee_fen))
        basis = rng.choice(data.FEE_BASES).format(n=rng.randint(12, 168))
        waiver = rng.random() < 0.38
    return {
        "code": code, "name": name, "department": dept.code, "legal_basis": legal,
        "procedure": "—".join(steps), "promised_days": days, "fee_fen": fee_fen, "fee_standard": standard,
        "fee_basis": basis, "waiver_allowed": waiver, "catalog_year": CATALOG_YEAR, "retired_year": None,
        "merged_into": None, "pinyin_initials": pinyin_initials(name), "materials": materials,
        "_base": name[: len(name) - len(variant)] if variant else name,
    }


def _variant_fit(base: str, variant: int) -> int:
    """How natural a variant (变更/延续/注销) of ``base`` is: 0 best; licences first, then registrations."""
    if "变更" in base or "注销" in base:
        return 3
    if any(word in base for word in ("许可", "资质", "资格", "执业", "证核发")):
        return 0
    if any(word in base for word in ("登记", "备案", "注册")) and data.VARIANTS[variant] != "（延续）":
        return 1
    return 2


def _plan_catalog(rng: random.Random, plan: DemoPlan) -> None:
    for dept in data.DEPARTMENTS:
        candidates = [(b, 0) for b in range(len(dept.bases))]
        candidates += sorted(((b, v) for b, base in enumerate(dept.bases) for v in range(1, len(data.VARIANTS))),
                             key=lambda bv: (_variant_fit(dept.bases[bv[0]], bv[1]), bv[1], bv[0]))
        chosen = sorted(candidates[: dept.items])
        for n, (b, v) in enumerate(chosen, start=1):
            variant = data.VARIANTS[v]
            plan.items.append(_plan_item(rng, dept, f"{dept.code}-{n:03d}", dept.bases[b] + variant, variant))

    # yearly clean-ups: retire 88, every department keeps at least half its items (and one);
    # mostly the separate 变更/延续/注销 items (merged back into their item), some items removed outright
    by_dept: dict[str, int] = {}
    for item in plan.items:
        by_dept[item["department"]] = by_dept.get(item["department"], 0) + 1
    remaining = dict(by_dept)
    variants = [i for i, item in enumerate(plan.items) if item["_base"] != item["name"]]
    plains = [i for i, item in enumerate(plan.items) if item["_base"] == item["name"]]
    rng.shuffle(variants)
    rng.shuffle(plains)
    order = []
    while variants or plains:  # mostly variants, about one in four a whole item removed
        source = plains if (not variants or (plains and rng.random() < 0.25)) else variants
        order.append(source.pop())
    retired: list[int] = []
    total = sum(n for _, n in data.CLEANUPS)
    for index in order:
        if len(retired) == total:
            break
        dept = plan.items[index]["department"]
        if remaining[dept] - 1 >= max(1, (by_dept[dept] + 1) // 2):
            remaining[dept] -= 1
            retired.append(index)
    if len(retired) != total:  # pragma: no cover - the data guarantees enough items
        raise RuntimeError("demo catalog too small for the clean-ups")
    years = [year for year, n in data.CLEANUPS for _ in range(n)]
    rng.shuffle(retired)
    retired_set = set(retired)
    for index, year in zip(retired, years):
        plan.items[index]["retired_year"] = year
    survivors: dict[str, list[dict]] = {}
    for i, item in enumerate(plan.items):
        if i not in retired_set:
            survivors.setdefault(item["department"], []).append(item)
    for index in retired:
        item = plan.items[index]
        same = survivors[item["department"]]
        base = next((s for s in same if s["name"] == item["_base"]), None)
        if base is not None and base is not item:
            item["merged_into"] = base["code"]
    for item in plan.items:
        del item["_base"]


def make_plan(rng: random.Random) -> DemoPlan:
    """Draw the whole demo hall from ``rng`` (pure: no database)."""
    plan = DemoPlan()
    names = _Names(rng)
    towns = _plan_sites(rng, plan)
    _plan_organization(rng, plan, towns, names)
    _plan_catalog(rng, plan)
    return plan


# --------------------------------------------------------------------------- the build


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    """Bulk-insert ``rows`` and return their new ids in order."""
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
    return list(result.scalars())


def is_empty(session: Session) -> bool:
    """True when the database holds no sites, staff or items (a demo may be built in it)."""
    return not any(session.scalar(select(func.count()).select_from(model)) for model in (Site, Staff, Item))


def build_demo(session: Session, *, seed: int = DEFAULT_SEED, cases: int = 0,
               pin_hash: str | None = None) -> DemoResult:
    """Build the demo hall into an empty database in the caller's transaction.

    ``pin_hash`` is the hash of :data:`DEMO_PIN` (computed once here if not given).
    Raises :class:`~console.core.errors.Conflict` when the database is not empty.
    """
    from console.core import audit
    from console.core.auth import Actor, hash_pin
    from console.core.errors import Conflict

    if not is_empty(session):
        raise Conflict("demo.not_empty")
    rng = random.Random(seed)
    if pin_hash is None:
        # argon2 runs in C without the GIL: hash while the plan is drawn
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            hashing = pool.submit(hash_pin, DEMO_PIN)
            plan = make_plan(rng)
            pin_hash = hashing.result()
    else:
        plan = make_plan(rng)

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

    counts = {
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
    session.flush()
    audit.record(session, None, "demo.built", "demo", seed, {"seed": seed, "cases": cases, **counts})

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
    ctx = {
        "seed": seed,
        "cases": cases,
        "center_id": center_id,
        "center_code": data.CENTER_CODE,
        "site_ids": site_ids,
        "township_ids": [site_ids[s["code"]] for s in plan.sites if s["kind"] == SiteKind.township],
        "department_ids": dept_ids,
        "window_ids": window_ids,
        "center_windows": [w["number"] for w in plan.windows if w["site"] == data.CENTER_CODE],
        "comprehensive_windows": [w["number"] for w in plan.windows
                                  if w["site"] == data.CENTER_CODE and len(w["departments"]) > 1],
        "staff_ids": staff_ids,
        "clerks_by_department": clerks_by_department,
        "clerk_windows": {s["employee_no"]: s["window"] for s in plan.staff if s["window"]},
        "managers": managers,
        "item_ids": item_ids,
        "active_items": [i["code"] for i in plan.items if i["retired_year"] is None],
        "items_by_department": items_by_department,
        "admin": admin,
        "pin_hash": pin_hash,
        "opened": OPENED,
    }
    for name in EXTENSIONS:
        resolve_extension(name)(session, rng, ctx)
        session.flush()
    return DemoResult(seed=seed, counts=counts, logins=_logins(plan), ctx=ctx)


def resolve_extension(name: str) -> Callable:
    """The function named ``"module:function"``."""
    module_name, _, func_name = name.partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def _logins(plan: DemoPlan) -> list[DemoLogin]:
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
