"""A small hall for tests: one center, a township, three departments, four windows, staff, items.

Staff (PIN ``123456`` for all):

========  ===========  ==============================
number    role         where
========  ===========  ==============================
A001      admin        center, 办公室
S001      supervisor   center, 督查室
P001      proxy_agent  center, 代办科
C001      clerk        window 01 (市场监管局)
C002      clerk        window 02 (综合窗口: 民政局 + 人社局)
========  ===========  ==============================
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from models import Department, Item, Material, Office, Role, Site, SiteKind, Staff, Window

PIN = "123456"
#: when the factory hall's staff were added (staff rows carry the moment they were created)
CREATED_AT = datetime(2026, 3, 2, 8, 0)


@cache
def pin_hash() -> str:
    """The PIN ``123456`` hashed with argon2 at its lightest settings.

    Verifying reads the parameters stored in the hash, so a test's log-in (in the test's process or
    in a ``hall`` it starts) costs microseconds instead of 0.2 s of CPU; the hashes the console itself
    makes are checked for their strength in ``tests/test_trust_login.py``.
    """
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PIN)


def make_hall(db) -> dict[str, object]:
    """Insert the small hall into ``db`` and return a dict of handy ids."""
    with db.write() as s:
        center = Site(code="410185", name="登封市行政服务中心", kind=SiteKind.center)
        town = Site(code="410185101", name="大金店镇便民服务中心", kind=SiteKind.township, parent=center)
        s.add_all([center, town])
        s.flush()
        offices = {
            code: Office(site_id=center.id, code=code, name=name)
            for code, name in [("GEN", "办公室"), ("BUS", "业务室"), ("SUP", "督查室"), ("PRX", "代办科")]
        }
        s.add_all(offices.values())
        scjg = Department(code="SCJG", name="市场监管局", service_section="市场监管局行政服务科",
                          letter_signer="王局长", letter_date=date(2005, 3, 1), letter_scope="全部审批事项")
        mz = Department(code="MZ", name="民政局", service_section="民政局行政服务科")
        rs = Department(code="RS", name="人力资源和社会保障局", service_section="人社局行政服务科")
        for d in (scjg, mz, rs):
            d.sites.append(center)
        s.add_all([scjg, mz, rs])
        s.flush()
        w1 = Window(site_id=center.id, number="01", name="市场监管窗口", departments=[scjg])
        w2 = Window(site_id=center.id, number="02", name="综合窗口", departments=[mz, rs])
        w3 = Window(site_id=center.id, number="03", name="市场监管窗口二", departments=[scjg])
        w4 = Window(site_id=town.id, number="01", name="民政窗口", departments=[mz])
        s.add_all([w1, w2, w3, w4])
        s.flush()
        h = pin_hash()
        staff = [
            Staff(employee_no="A001", name="管理员", role=Role.admin, site_id=center.id,
                  office_id=offices["GEN"].id, pin_hash=h, created_at=CREATED_AT),
            Staff(employee_no="S001", name="督查员", role=Role.supervisor, site_id=center.id,
                  office_id=offices["SUP"].id, pin_hash=h, created_at=CREATED_AT),
            Staff(employee_no="P001", name="代办员", role=Role.proxy_agent, site_id=center.id,
                  office_id=offices["PRX"].id, pin_hash=h, created_at=CREATED_AT),
            Staff(employee_no="C001", name="张窗口", role=Role.clerk, site_id=center.id,
                  department_id=scjg.id, window_id=w1.id, pin_hash=h, created_at=CREATED_AT),
            Staff(employee_no="C002", name="李综合", role=Role.clerk, site_id=center.id,
                  department_id=mz.id, window_id=w2.id, pin_hash=h, created_at=CREATED_AT),
        ]
        s.add_all(staff)
        s.flush()
        scjg.chief_representative_id = staff[3].id
        items = [
            Item(code="SCJG-001", name="工商登记", department_id=scjg.id, legal_basis="《市场主体登记管理条例》",
                 procedure="受理—审查—决定—发证", promised_days=3, fee_fen=0, fee_standard="不收费",
                 fee_basis="—", catalog_year=2004, pinyin_initials="gsdj", waiver_allowed=True,
                 materials=[Material(position=1, name="登记申请书", required=True, copies=1),
                            Material(position=2, name="身份证明", required=True, copies=1),
                            Material(position=3, name="住所使用证明", required=False, copies=1)]),
            Item(code="SCJG-002", name="食品经营许可", department_id=scjg.id, legal_basis="《食品安全法》",
                 procedure="受理—现场核查—决定", promised_days=10, fee_fen=0, fee_standard="不收费",
                 fee_basis="—", catalog_year=2004, pinyin_initials="spjyxk",
                 materials=[Material(position=1, name="申请书", required=True, copies=1)]),
            Item(code="MZ-001", name="社会团体成立登记", department_id=mz.id, legal_basis="《社会团体登记管理条例》",
                 procedure="受理—审查—决定", promised_days=20, fee_fen=10000, fee_standard="100元/件",
                 fee_basis="财政部门核定", catalog_year=2004, pinyin_initials="shttcldj",
                 fee_waiver_allowed=True, fee_waiver_basis="《社会救助暂行办法》",
                 materials=[Material(position=1, name="登记申请书", required=True, copies=2)]),
            Item(code="RS-001", name="劳动合同备案", department_id=rs.id, legal_basis="《劳动合同法》",
                 procedure="受理—备案", promised_days=1, fee_fen=0, fee_standard="不收费", fee_basis="—",
                 catalog_year=2004, pinyin_initials="ldhtba",
                 materials=[Material(position=1, name="劳动合同文本", required=True, copies=1)]),
            Item(code="MZ-OLD", name="旧事项", department_id=mz.id, promised_days=5, catalog_year=2004,
                 retired_year=2006, pinyin_initials="jsx"),
        ]
        s.add_all(items)
        s.flush()
        return {
            "center_id": center.id,
            "town_id": town.id,
            "windows": {"01": w1.id, "02": w2.id, "03": w3.id},
            "departments": {"SCJG": scjg.id, "MZ": mz.id, "RS": rs.id},
        }


def actor(db, employee_no: str):
    """The :class:`~console.core.auth.Actor` of a factory staff member (no PIN check)."""
    from sqlalchemy import select

    from console.core.auth import Actor

    with db.read() as s:
        return Actor.of(s.scalar(select(Staff).where(Staff.employee_no == employee_no)))
