"""The demo hall: the source's scale, believable data, determinism, demo log-ins, extensions.

The full demo is built once per test session into a template (a SQLite file or a
PostgreSQL database, :mod:`tests.demo_fixtures`), copied for each test, and once
more through ``hall demo`` into a SQLite file, which must hold identical data.
Both builds stand on the same fixed clock.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import func, select

from console.core.auth import log_in
from console.core.runner import Runner
from console.core.clock import FixedClock
from console.core.runner import Runner
from console.demo.build import DEFAULT_SEED, DEMO_PIN, build_demo, make_plan
from console.core.errors import Conflict
from console.core.textsearch import pinyin_initials
from models import (
    AuditEvent,
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
from tests import factories
from tests.demo_fixtures import DEMO_NOW, PROBE


def _count(s, model, *where):
    return s.scalar(select(func.count()).select_from(model).where(*where))


def test_the_source_scale(demo_db):
    db, result = demo_db
    with db.read() as s:
        assert _count(s, Site, Site.kind == SiteKind.center) == 1
        assert _count(s, Site, Site.kind == SiteKind.township) == 17
        assert _count(s, Site, Site.kind == SiteKind.village) == 256
        assert _count(s, Department) == 36
        assert _count(s, Item) == 384
        assert _count(s, Item, Item.retired_year.is_(None)) == 296
        assert _count(s, Seal) == 34
        assert _count(s, Department, Department.chief_representative_id.is_not(None)) == 28
        center = select(Site.id).where(Site.kind == SiteKind.center).scalar_subquery()
        assert _count(s, Staff, Staff.role == Role.clerk, Staff.site_id == center) == 187
        assert _count(s, Staff, Staff.role.not_in((Role.clerk, Role.village_agent))) == 23
        assert _count(s, Office) == 4
    assert result.counts["clerks"] == 187 and result.counts["active_items"] == 296


def test_center_offices_and_managers(demo_db):
    db, _ = demo_db
    with db.read() as s:
        rows = s.execute(select(Office.name, Staff.role).join(Staff, Staff.office_id == Office.id)).all()
        center = s.scalar(select(Site).where(Site.kind == SiteKind.center))
        assert center.name == "登封市行政服务中心" and center.code == "410185"
        offices = {o.name for o in s.scalars(select(Office))}
    assert offices == {"办公室", "业务室", "督查室", "代办科"}
    by_office = Counter((office, Role(role).value) for office, role in rows)
    assert by_office[("办公室", "admin")] >= 1
    assert {o for o, r in by_office if r == "supervisor"} <= {"督查室", "业务室"}
    assert {o for o, r in by_office if r == "proxy_agent"} == {"代办科"}
    assert sum(by_office.values()) == 23


def test_departments_letters_seals_and_chiefs(demo_db):
    db, _ = demo_db
    with db.read() as s:
        depts = s.scalars(select(Department)).all()
        names = {d.name for d in depts}
        for d in depts:
            assert d.service_section.endswith("行政服务科")
            assert d.letter_date.year == 2005 and d.letter_signer and d.code and d.letter_scope
        chiefs = s.execute(select(Department.id, Staff.department_id, Staff.role)
                           .join(Staff, Department.chief_representative_id == Staff.id)).all()
        seals = [(seal.issued, seal.department_id) for seal in s.scalars(select(Seal))]
        center = s.scalar(select(Site.id).where(Site.kind == SiteKind.center))
        stationed = s.scalar(select(func.count()).select_from(department_sites)
                             .where(department_sites.c.site_id == center))
    for real in ("发改委", "公安局", "民政局", "人社局", "自然资源局", "住建局", "交通运输局", "水利局",
                 "农业农村局", "商务局", "文广旅局", "卫健委", "应急管理局", "市场监管局", "税务局", "消防救援大队"):
        assert real in names
    assert all(dept == own and Role(role) == Role.clerk for dept, own, role in chiefs)
    assert all(issued.year == 2004 and issued.month == 6 for issued, _ in seals)
    assert len({dept for _, dept in seals}) == 33
    assert stationed == 36


def test_windows_and_clerks(demo_db):
    db, _ = demo_db
    with db.read() as s:
        served = {}
        for window_id, dept_id in s.execute(select(window_departments)):
            served.setdefault(window_id, set()).add(dept_id)
        center = s.scalar(select(Site.id).where(Site.kind == SiteKind.center))
        clerks = s.execute(select(Staff.department_id, Staff.window_id, Staff.name)
                           .where(Staff.role == Role.clerk, Staff.site_id == center)).all()
        center_windows = s.scalars(select(Window.id).where(Window.site_id == center)).all()
        names = s.scalars(select(Staff.name)).all()
    assert all(window in center_windows and dept in served[window] for dept, window, _ in clerks)
    comprehensive = [w for w in center_windows if len(served[w]) > 1]
    assert len(comprehensive) >= 2
    assert all(2 <= len(n) <= 4 for n in names)
    assert len(set(names)) == len(names)


def test_townships_five_plus_x_and_villages(demo_db):
    db, _ = demo_db
    mandatory = {"民政局", "人社局", "卫健委", "自然资源局", "农业农村局"}
    with db.read() as s:
        towns = s.execute(select(Site.id, Site.name).where(Site.kind == SiteKind.township)).all()
        assert "大金店镇便民服务中心" in {t.name for t in towns} and "告成镇便民服务中心" in {t.name for t in towns}
        for town in towns:
            depts = s.scalars(select(Department.name).join(window_departments)
                              .join(Window, Window.id == window_departments.c.window_id)
                              .where(Window.site_id == town.id)).all()
            assert mandatory <= set(depts) and 6 <= len(depts) <= 8
        parents = s.scalars(select(Site.parent_id).where(Site.kind == SiteKind.village)).all()
    assert set(parents) == {t.id for t in towns}


def test_catalog_disclosures_and_cleanups(demo_db):
    db, _ = demo_db
    with db.read() as s:
        items = s.scalars(select(Item)).all()
        materials = Counter(s.scalars(select(Material.item_id)).all())
        by_id = {i.id: i for i in items}
        for item in items:
            assert item.pinyin_initials == pinyin_initials(item.name)
            assert "《" in item.legal_basis and "—" in item.procedure
            assert 0 <= item.promised_days <= 20 and item.fee_standard and item.fee_basis
            assert (item.promised_days == 0) == item.procedure.endswith("当场办结")
            assert 1 <= materials[item.id] <= 6
            assert item.catalog_year == 2004
            if item.merged_into_id:
                target = by_id[item.merged_into_id]
                assert item.retired_year and target.retired_year is None
                assert target.department_id == item.department_id
        years = Counter(i.retired_year for i in items if i.retired_year)
        assert set(years) == {2005, 2006, 2007, 2008} and sum(years.values()) == 88
        assert any(i.merged_into_id for i in items)
        assert 0.10 <= sum(i.waiver_allowed for i in items) / len(items) <= 0.20
        assert any(i.fee_fen > 0 for i in items) and any(i.fee_fen == 0 for i in items)
        assert len({i.code for i in items}) == 384


def test_demo_pin_logs_in(demo_db):
    db, result = demo_db
    one_per_role = {x.role: x for x in result.logins}.values()
    for login in one_per_role:
        who = Runner(db).run(log_in, login.employee_no, DEMO_PIN).accepted()
        assert who.role.value == login.role
    assert {x.role for x in result.logins} == {"admin", "supervisor", "proxy_agent", "clerk"}


def test_one_audit_event_and_an_intact_chain(demo_db):
    from console.core.audit import verify

    db, _ = demo_db
    with db.read() as s:
        events = s.scalars(select(AuditEvent.action)).all()
        assert verify(s).ok
    assert events.count("demo.built") == 1


def test_extensions_get_rng_and_context(demo_db):
    db, result = demo_db
    ctx = PROBE["ctx"]
    assert PROBE["rng"] and PROBE["staff"] == 210 + result.counts["township_clerks"] + result.counts["village_agents"]
    assert ctx["seed"] == DEFAULT_SEED and ctx["cases"] == 0
    with db.read() as s:
        assert ctx["center_id"] == s.scalar(select(Site.id).where(Site.code == "410185"))
        assert ctx["staff_ids"]["C001"] == s.scalar(select(Staff.id).where(Staff.employee_no == "C001"))
    assert len(ctx["active_items"]) == 296 and len(ctx["township_ids"]) == 17
    assert ctx["admin"].employee_no == "A001" and ctx["admin"].role == Role.admin
    assert set(ctx["clerks_by_department"]) == set(ctx["department_ids"])


def test_org_listings_on_the_demo(demo_db):
    from console.org.structure import list_departments, list_sites, list_windows
    from tests.factories import actor

    db, _ = demo_db
    runner, admin = Runner(db, clock=FixedClock(DEMO_NOW)), actor(db, "A001")
    depts = runner.run(list_departments, actor=admin)
    towns = runner.run(list_sites, kind="township", actor=admin)
    windows = runner.run(list_windows, site="410185", actor=admin)
    assert len(depts) == 36 and sum(1 for d in depts if d.chief_representative) == 28
    assert sum(len(d.seals) for d in depts) == 34
    assert len(towns) == 17 and all(t.windows >= 6 for t in towns)
    assert sum(w.staff for w in windows) == 187 and any(w.comprehensive for w in windows)


def test_building_twice_is_refused(demo_db):
    db, _ = demo_db
    with pytest.raises(Conflict):
        Runner(db, clock=FixedClock(DEMO_NOW)).run(build_demo, pin_hash=factories.pin_hash())


def test_plan_is_deterministic_per_seed():
    assert make_plan(random.Random(5)) == make_plan(random.Random(5))
    one, other = make_plan(random.Random(5)), make_plan(random.Random(6))
    assert [s["name"] for s in one.staff] != [s["name"] for s in other.staff]


def _dump(db) -> dict:
    """Every demo table's rows (ordered by key), without PIN hashes and the audit trail."""
    from sqlalchemy import DateTime

    import models  # noqa: F401
    from models.base import Base

    skip = {"audit_events", "audit_head", "alembic_version"}
    out = {}
    with db.read() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            # the proxy and assessment demos run the real services, which stamp the moment of the build
            columns = [c for c in table.columns if c.name != "pin_hash"
                       and not (table.name.startswith(("proxy_", "assess_")) and isinstance(c.type, DateTime))
                       and (table.name, c.name) != ("cases", "decided_at")]
            rows = s.execute(select(*columns).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


def test_hall_demo_builds_the_same_hall_for_the_same_seed(demo_db, tmp_path):
    from typer.testing import CliRunner

    from console.cli import common
    from console.cli.main import app
    from models.engine import Database

    db, _ = demo_db
    target = tmp_path / "demo.db"
    target.write_text("an old file")
    common.STATE.db_url = None
    common.set_clock(FixedClock(DEMO_NOW))  # the fixture's moment
    try:
        result = CliRunner().invoke(app, ["--lang", "en", "demo", "--no-open", "--path", str(target),
                                          "--seed", str(DEFAULT_SEED)], env={"HALL_LANG": "en"})
    finally:
        common.set_clock(None)
    assert result.exit_code == 0, result.output
    assert "replacing" in result.stdout and "A001" in result.stdout
    assert DEMO_PIN in result.stdout and "296 active" in result.stdout
    built = Database(f"sqlite:///{target}")
    try:
        assert _dump(built) == _dump(db)
        assert Runner(built).run(log_in, "A001", DEMO_PIN).accepted().role == Role.admin
    finally:
        built.dispose()


def test_the_readmes_catalog_example_finds_its_item_in_the_demo(demo_db):
    """README: "type … pinyin initials (`jhdj` finds 结婚登记)" — true of the demo hall it opens."""
    import re
    from pathlib import Path

    from console.catalog.browse import search_items
    from tests.factories import actor

    db, _ = demo_db
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    query, name = re.search(r"pinyin initials \(`(\w+)` finds (\w+)\)", readme).groups()
    found = Runner(db).run(search_items, query, actor=actor(db, "C007"))
    assert found and found[0].name == name

