"""The demo hall's plan: the whole hall drawn from a seeded generator as plain rows (no database).

:func:`make_plan` draws from a :class:`random.Random`; the same seed gives the same
plan, row for row.  References between rows are by code; :mod:`console.demo.build`
inserts them.  What the plan holds is described in :mod:`console.demo.build`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from models import Role, SiteKind

from console.demo import data

#: the catalog year of every demo item (the hall opened in 2004)
CATALOG_YEAR = 2004


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
    """One catalog item with curated disclosures (:mod:`console.demo.disclosures`)."""
    from console.core.textsearch import pinyin_initials
    from console.demo import disclosures

    legal = disclosures.legal_basis(name, dept.laws)
    optional = [step for step, p in zip(data.PROCEDURE_OPTIONAL, (0.4, 0.1, 0.15)) if rng.random() < p]
    issues_paper = any(word in name for word in ("许可", "证", "登记", "资格", "资质"))
    if disclosures.on_the_spot(name):
        optional, days = [], 0
        steps = [data.PROCEDURE_START, "当场办结"]
    else:
        steps = [data.PROCEDURE_START, data.PROCEDURE_REVIEW, *optional, data.PROCEDURE_DECIDE,
                 data.PROCEDURE_END[1] if issues_paper else data.PROCEDURE_END[0]]
        days = rng.randint(1, 3) if any(w in name for w in ("登记", "备案", "变更", "注销")) else rng.randint(3, 8)
        days += 5 * len(optional)
        days = max(1, min(20, days + rng.randint(-1, 2)))
    materials = disclosures.pick_materials(rng, name, variant)
    if disclosures.charges_fee(name):
        fee_fen = rng.choice(data.FEE_AMOUNTS)
        standard = rng.choice(data.FEE_STANDARDS).format(yuan=_yuan(fee_fen))
        basis = rng.choice(data.FEE_BASES).format(n=rng.randint(12, 168))
    else:
        fee_fen, standard, basis = 0, data.FREE_STANDARD, data.FREE_BASIS
    # 容缺 where a licence's papers may follow the main ones (not for on-the-spot items)
    waiver = days > 0 and any(w in name for w in ("许可", "核准", "资质", "审批")) and rng.random() < 0.3
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
