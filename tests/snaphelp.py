"""Shared set-up of the snapshot tests (``tests/test_snapshots_<part>.py``); no tests here.

Every picture is taken the same way:

* the App is built here (:func:`console_app`, :func:`kiosk_app`, ...), with a
  :class:`~console.core.clock.FixedClock`, an empty config directory and no cursor
  blink, in one language;
* its data is made through the use-case runner on the SAME fixed clock
  (:func:`runner_at`, :func:`call`), so dates, waiting minutes and timelines agree
  with the header's clock on every run and on both backends;
* screens are reached by KEYS through the App (``run_before`` drives the pilot);
  text is put into the focused input in one go (:func:`type_text`): one search, not
  one per key, and no picture depends on which worker finished last;
* before the picture, :func:`snap` lets every worker finish (not the endless
  change watchers), holds every text cursor steady and has every table draw
  itself at its measured widths (:func:`repaint_tables`).

Data that read-only screens share is built once per module (:func:`module_database`)
in a database of its own, so tests that write (calling tickets, accepting cases)
still get their fresh ``db``.

Update the pictures after an intended change with
``pytest tests/test_snapshots_*.py --snapshot-update`` and read the SVGs in
``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from console.core.clock import FixedClock
from console.core.i18n import set_language
from tests import dbutil, factories

#: the hall clock of every snapshot: Monday 2 March 2026, 09:30 (a working day, the hall is open)
SNAP_AT = datetime(2026, 3, 2, 9, 30)
LANGS = ["en", "zh_CN"]
SMALL = (80, 24)
LARGE = (120, 40)


@pytest.fixture(autouse=True)
def english_afterwards():
    """The language is process-wide: put English back after each picture."""
    yield
    set_language("en")


# -- data through the runner -------------------------------------------------------------


def runner_at(db, at: datetime = SNAP_AT):
    """A :class:`~console.core.runner.Runner` on ``db`` whose clock stands at ``at`` (move it with ``.clock.set``)."""
    from console.core.runner import Runner

    return Runner(db, clock=FixedClock(at))


def call(runner, fn: Callable, *args, actor, at: datetime | None = None, **kwargs):
    """Run the use case ``fn`` as ``actor`` (``None``: nobody, the public scope) on the runner's clock.

    ``at`` first moves the clock there: the use case reads it as its ``ctx.now()``.
    """
    if at is not None:
        runner.clock.set(at)
    return runner.run(fn, *args, actor=actor, **kwargs)


def add_rows(runner, *rows, at: datetime | None = None) -> None:
    """Insert ORM rows in one write transaction on the runner's clock."""
    if at is not None:
        runner.clock.set(at)
    with runner.transaction(None, write=True) as ctx:
        ctx.session.add_all(rows)


def staff(db, employee_no: str):
    return factories.actor(db, employee_no)


def pin_hash() -> str:
    """The factory's lightly hashed PIN (:func:`tests.factories.pin_hash`)."""
    return factories.pin_hash()


def make_hall(db) -> dict:
    """The factory hall (tests/factories.py) plus a clerk C003 at window 03, every PIN lightly hashed."""
    from sqlalchemy import select, update

    from models import Role, Staff, Window

    ids = factories.make_hall(db)
    runner = runner_at(db)
    with runner.transaction(None, write=True) as ctx:
        w3 = ctx.session.scalar(select(Window).where(Window.id == ids["windows"]["03"]))
        ctx.session.add(Staff(employee_no="C003", name="王窗口", role=Role.clerk, site_id=w3.site_id,
                              department_id=ids["departments"]["SCJG"], window_id=w3.id, pin_hash=pin_hash(),
                              created_at=factories.CREATED_AT))
        ctx.session.execute(update(Staff).values(pin_hash=pin_hash()))
    return ids


def make_services(db) -> None:
    """Queue services as in tests/queue_fixtures.py: A 市场监管 (01, 03, hands on to B), B 民政, C 人社 (02)."""
    from console.queue.services import add_service, link_window

    runner = runner_at(db, SNAP_AT.replace(hour=8))
    admin = staff(db, "A001")
    call(runner, add_service, "MZ", "民政业务", "B", department="MZ", actor=admin)
    call(runner, add_service, "RS", "人社业务", "C", department="RS", actor=admin)
    call(runner, add_service, "SCJG", "市场监管业务", "A", department="SCJG", next_service="MZ", actor=admin)
    for code, window in (("SCJG", "01"), ("SCJG", "03"), ("MZ", "02"), ("RS", "02")):
        call(runner, link_window, code, window, actor=admin)


def take_tickets(db, *taken: tuple[str, str, str | None]) -> list[str]:
    """Take tickets at the kiosk (nobody logged in): ``(service, "HH:MM", priority or None)`` on the snapshot day."""
    from console.queue.tickets import take_ticket

    runner = runner_at(db)
    numbers = []
    for service, hhmm, priority in taken:
        hour, minute = map(int, hhmm.split(":"))
        at = SNAP_AT.replace(hour=hour, minute=minute)
        numbers.append(call(runner, take_ticket, service, priority=priority, actor=None, at=at).number)
    return numbers


def queue_hall(db) -> None:
    """The hall with its services and a morning's queue: A001..A004, B001..B002, C001 waiting."""
    make_hall(db)
    make_services(db)
    take_tickets(db, ("SCJG", "08:45", None), ("SCJG", "09:05", "elderly"), ("MZ", "09:08", None),
                 ("SCJG", "09:12", None), ("RS", "09:15", None), ("SCJG", "09:26", None), ("MZ", "09:28", None))


def window_call(db, clerk: str, action: str, hhmm: str, *args, **kwargs):
    """A queue action of ``clerk`` at their window at ``hhmm`` (call_next, recall, start_serving, finish, ...)."""
    from console.queue import actions, window

    hour, minute = map(int, hhmm.split(":"))
    fn = getattr(window, action, None) or getattr(actions, action)
    return call(runner_at(db, SNAP_AT.replace(hour=hour, minute=minute)), fn, *args, actor=staff(db, clerk),
                **kwargs)


# -- module-scoped data for read-only screens -------------------------------------------

_PG_SNAP_URL: list[str] = []


def _pg_snap_url(request) -> str:
    """A migrated PostgreSQL database of this process for module data (dropped at the end of the session)."""
    if not _PG_SNAP_URL:
        url = dbutil.create_pg_database("snap")
        dbutil.migrate(url)
        _PG_SNAP_URL.append(url)

        def drop() -> None:
            dbutil.dispose_pg_engines()
            dbutil.drop_pg_database(url)
            _PG_SNAP_URL.clear()

        request.session.addfinalizer(drop)
    return _PG_SNAP_URL[0]


def module_database(request, build: Callable):
    """Generator body of a module fixture: a database of its own with ``build(db)`` run once.

    Yields the :class:`~models.engine.Database`.  The screens shown on it must
    only read (logging in with the right PIN writes only its ``auth.logged_in``
    audit event, which no screen shows).
    """
    from console.cli.common import reset_databases
    from models.engine import Database

    backend = request.getfixturevalue("backend")
    template = request.getfixturevalue("_run_database")
    if backend == "postgresql":
        url = _pg_snap_url(request)
        dbutil.truncate_all(url)
    else:
        target = request.getfixturevalue("tmp_path_factory").mktemp("snapdb") / "hall.db"
        url = dbutil.sqlite_copy(Path(template), target)
    reset_databases()
    db = Database(url)
    build(db)
    yield db
    db.dispose()
    reset_databases()


# -- the Apps ------------------------------------------------------------------------------


def _config(tmp_path) -> Path:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    return config


def console_app(db, tmp_path, lang: str, at: datetime = SNAP_AT):
    """The staff console (``hall``) on ``db`` at ``at`` (the schema is current: no check at start)."""
    from screens.apps.console import HallApp

    return HallApp(db, lang=lang, config_dir=_config(tmp_path), clock=FixedClock(at), cursor_blink=False,
                   prepare=False)


def kiosk_app(db, lang: str, at: datetime = SNAP_AT):
    """The ticket kiosk (``hall kiosk``); the ticket stays on screen for ten minutes."""
    from screens.apps.kiosk import KioskApp

    return KioskApp(db, lang=lang, return_after=600, clock=FixedClock(at), cursor_blink=False)


def display_app(db, lang: str, at: datetime = SNAP_AT):
    """The hall display (``hall display``)."""
    from screens.apps.display import DisplayApp

    return DisplayApp(db, lang=lang, clock=FixedClock(at), cursor_blink=False)


def star_board_app(db, lang: str, at: datetime = SNAP_AT):
    """The star board (``hall stars``, nobody logged in), no refresh timer."""
    from screens.apps.boards import StarBoardApp

    return StarBoardApp(db, refresh_seconds=0, lang=lang, clock=FixedClock(at), cursor_blink=False)


def rating_app(db, lang: str, window: str = "01", clerk: str = "C001", at: datetime = SNAP_AT):
    """The rating screen (``hall rate --window 01``) of ``clerk``: it asks once, no polling."""
    from screens.apps.boards import RatingApp

    return RatingApp(db, staff(db, clerk), window, poll_seconds=0, thanks_seconds=600, lang=lang,
                     clock=FixedClock(at), cursor_blink=False)


# -- driving -------------------------------------------------------------------------------


async def settle(pilot, rounds: int = 20) -> None:
    """Let workers finish and their results reach the screen; the endless change watchers are left running.

    Results can start new workers (a screen pushed by one loads its own data), so
    this goes on until a pause leaves no worker pending or running.
    """
    from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

    for _ in range(rounds):
        await pilot.pause()
        active = [w for w in list(pilot.app.workers)
                  if w.group != "watch" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not active:
            return
        for worker in active:
            # a failed worker is reported by the App's handler (the picture shows what it said);
            # a cancelled one was replaced by a newer one
            with suppress(WorkerFailed, WorkerCancelled):
                await worker.wait()


async def until(pilot, condition: Callable[[], bool], rounds: int = 60) -> None:
    """Let the App run until ``condition()`` holds (bounded: the picture then shows what is there)."""
    from textual.css.query import NoMatches

    for _ in range(rounds):
        with suppress(NoMatches, AttributeError):  # the screen or a widget not composed yet
            if condition():
                return
        await pilot.pause(0.05)
        await settle(pilot, rounds=1)


async def type_text(pilot, text: str) -> None:
    """Put ``text`` into the focused input at its cursor (as a paste would), then let the screen react."""
    focused = pilot.app.focused
    assert focused is not None and hasattr(focused, "insert_text_at_cursor"), f"no input has focus: {focused!r}"
    focused.insert_text_at_cursor(text)
    await settle(pilot)


async def keys(pilot, *pressed: str) -> None:
    """Press keys, then let every worker finish."""
    await pilot.press(*pressed)
    await settle(pilot)


async def log_in(pilot, employee_no: str, pin: str = factories.PIN) -> None:
    """Employee number, Enter, PIN, Enter on the log-in screen."""
    await settle(pilot)
    await type_text(pilot, employee_no)
    await pilot.press("enter")
    await type_text(pilot, pin)
    await keys(pilot, "enter")


def steady_cursors(app) -> None:
    """Hold every text cursor still (visible) on every screen of the App.

    The console stops blinking in its own screens (``cursor_blink=False``), but
    not every dialog follows it (see the report of the snapshot task); a
    blinking cursor would make the picture depend on the moment it is taken.
    """
    from textual.widgets import Input

    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False


def repaint_tables(app) -> None:
    """Have every table of the App's screens draw its cells again at their measured widths.

    Textual's DataTable measures its columns when it is next idle after rows are
    added, but caches the cells it drew meanwhile without their width: a table
    painted in between keeps cells cut to the header's width ("XM20", "嵩山") until
    its next change.  Whether that paint happens is a matter of timing (the proxy
    screens, which load twice, hit it one time in four; the others now and then),
    so the pictures are of the tables as drawn once measured.  Flipping a display
    option twice clears the table's drawing cache and changes nothing else.
    """
    from textual.widgets import DataTable

    for screen in app.screen_stack:  # a dialog shows the screen beneath it, dimmed: its tables too
        for table in screen.query(DataTable):
            table.zebra_stripes = not table.zebra_stripes
            table.zebra_stripes = not table.zebra_stripes


def snap(snap_compare, app, steps: Callable | None = None, size: tuple[int, int] = SMALL) -> bool:
    """Take the picture of ``app`` at ``size`` after ``await steps(pilot)``."""

    async def before(pilot) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
        await settle(pilot)
        steady_cursors(pilot.app)
        repaint_tables(pilot.app)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=before)


def days_before(at: datetime, days: int, hour: int = 10) -> datetime:
    """``days`` calendar days before ``at``, at ``hour`` o'clock."""
    return (at - timedelta(days=days)).replace(hour=hour, minute=0)



# -- intake and cases --------------------------------------------------------------------

#: a valid resident ID (born 1949-12-31) and a mobile number for applicants
PERSON_ID = "11010519491231002X"
PHONE = "13800138000"


def intake_form(code: str = "SCJG-001", name: str = "王五", received: tuple[int, ...] = (1, 2), *,
                id_no: str = PERSON_ID, phone: str = PHONE):
    from console.cases.intake_form import Applicant, IntakeForm

    return IntakeForm(code, Applicant("person", name, id_no, phone), received)


def accept_case(db, at: datetime, clerk: str = "C001", code: str = "SCJG-001", name: str = "王五",
                received: tuple[int, ...] = (1, 2)) -> str:
    """Accept an application at ``at`` as ``clerk``; return the case number."""
    from console.cases.intake import accept

    return call(runner_at(db, at), accept, intake_form(code, name, received), actor=staff(db, clerk), at=at).number


def cases_hall(db) -> dict[str, str]:
    """The hall with cases around the snapshot day (Mon 2 March 2026, after the Spring Festival).

    Keys: ``red`` (工商登记, due Fri 27 Feb), ``red_makeup`` (食品经营许可, due on the make-up
    Saturday 28 Feb), ``yellow`` (due today), ``review`` (under review, due 12 Mar),
    ``suspended`` (a hearing since this morning), ``done`` (decided and completed),
    ``fee`` (民政局's 社会团体成立登记 with 100 yuan due, 60 paid, at window 02).
    """
    from console.cases import fees, lifecycle

    make_hall(db)
    clerk, other = staff(db, "C001"), staff(db, "C002")
    cases = {
        "red_makeup": accept_case(db, datetime(2026, 2, 9, 10, 0), code="SCJG-002", name="赵六", received=(1,)),
        "red": accept_case(db, datetime(2026, 2, 24, 10, 0), name="李四"),
        "done": accept_case(db, datetime(2026, 2, 24, 11, 0), name="吴十"),
        "fee": accept_case(db, datetime(2026, 2, 25, 9, 15), clerk="C002", code="MZ-001", name="郑十一",
                           received=(1,)),
        "yellow": accept_case(db, datetime(2026, 2, 26, 10, 0), name="王五"),
        "review": accept_case(db, datetime(2026, 2, 27, 9, 0), code="SCJG-002", name="孙八", received=(1,)),
        "suspended": accept_case(db, datetime(2026, 2, 27, 9, 40), name="周九"),
    }
    runner = runner_at(db)
    call(runner, lifecycle.start_review, cases["done"], actor=clerk, at=datetime(2026, 2, 25, 9, 0))
    call(runner, lifecycle.decide, cases["done"], "approved", "登市监准字〔2026〕18号", actor=clerk,
         at=datetime(2026, 2, 26, 15, 0))
    call(runner, lifecycle.complete, cases["done"], actor=clerk, at=datetime(2026, 2, 26, 16, 30))
    call(runner, lifecycle.start_review, cases["review"], actor=clerk, at=datetime(2026, 2, 27, 14, 0))
    call(runner, lifecycle.suspend, cases["suspended"], "hearing", "听证会定于3月5日", actor=clerk,
         at=datetime(2026, 3, 2, 9, 10))
    call(runner, fees.record_payment, cases["fee"], 6000, "cash", "SJ-0001", actor=other,
         at=datetime(2026, 2, 25, 9, 20))
    return cases


# -- proxy -----------------------------------------------------------------------------------


def proxy_hall(db) -> dict[str, str]:
    """The hall with 住建局 (ZJ-001), a second agent P002 and three investment projects, made in time order.

    ``main`` (P001's): 年产5万吨新型建材项目, materials complete on 5 February, four
    items across four departments, one done, a blocker on 民政局's; ``closed`` (P001's):
    its only item done, waiting to be completed; ``new`` (P002's): no clock yet.
    """
    from console.cases import lifecycle
    from console.proxy import items, projects
    from models import Department, Item, Material, Role, Staff

    make_hall(db)
    runner = runner_at(db, datetime(2026, 1, 5, 9, 0))
    center_site = staff(db, "P001").site_id
    zj = Department(code="ZJ", name="住房和城乡建设局", service_section="住建局行政服务科")
    add_rows(runner, zj)
    add_rows(runner,
             Item(code="ZJ-001", name="建设工程规划许可", department_id=zj.id, promised_days=15, catalog_year=2004,
                  pinyin_initials="jsgcghxk", materials=[Material(position=1, name="规划图纸", required=True)]),
             Staff(employee_no="P002", name="赵代办", role=Role.proxy_agent, site_id=center_site,
                   pin_hash=pin_hash(), created_at=factories.CREATED_AT))
    clerk, agent, other, supervisor = (staff(db, n) for n in ("C001", "P001", "P002", "S001"))

    def handoff(at, enterprise, project, taker, complete_on=None):
        number = call(runner, projects.handoff, enterprise=enterprise, project=project, actor=clerk, at=at).number
        call(runner, projects.take, number, actor=taker, at=at + timedelta(hours=3))
        if complete_on is not None:
            call(runner, projects.materials_complete, number, on=complete_on, actor=taker,
                 at=datetime.combine(complete_on, datetime.min.time()).replace(hour=10))
        return number

    def done(case_number, decided_at):
        call(runner, lifecycle.decide, case_number, "approved", f"准字{decided_at:%m%d}号", actor=supervisor,
             at=decided_at)
        call(runner, lifecycle.complete, case_number, actor=supervisor, at=decided_at + timedelta(hours=1))

    closed = handoff(datetime(2026, 1, 12, 9, 30),
                     {"name": "登封市少林文旅发展有限公司", "uscc": "91410185MA3X00020E", "contact_name": "李总",
                      "contact_phone": "13912345678"},
                     {"name": "嵩山文旅综合体", "location": "登封市少林街道", "investment_yuan": "36000000",
                      "industry": "文化旅游"}, agent, date(2026, 1, 13))
    case = call(runner, items.add_item, closed, "RS-001", actor=agent, at=datetime(2026, 1, 13, 11, 0)).case_number
    done(case, datetime(2026, 1, 14, 15, 0))

    main = handoff(datetime(2026, 2, 3, 10, 0),
                   {"name": "登封市嵩岳新材料有限公司", "uscc": "91410185MA3X00010D", "contact_name": "王经理",
                    "contact_phone": "13812345678"},
                   {"name": "年产5万吨新型建材项目", "location": "登封市大金店镇", "investment_yuan": "12000000.50",
                    "industry": "建材"}, agent, date(2026, 2, 5))
    added = {code: call(runner, items.add_item, main, code, actor=agent, at=at).case_number
             for code, at in (("SCJG-001", datetime(2026, 2, 5, 11, 0)), ("MZ-001", datetime(2026, 2, 6, 9, 0)),
                              ("RS-001", datetime(2026, 2, 6, 9, 30)))}
    done(added["RS-001"], datetime(2026, 2, 9, 16, 0))
    call(runner, items.add_item, main, "ZJ-001", actor=agent, at=datetime(2026, 2, 10, 14, 0))
    call(runner, items.note_blocker, main, "MZ-001", "等待消防审查意见", actor=agent, at=datetime(2026, 2, 26, 10, 0))

    new = handoff(datetime(2026, 2, 27, 15, 0),
                  {"name": "登封市中岳光伏科技有限公司", "uscc": "91410185MA3X00030F", "contact_name": "陈工",
                   "contact_phone": "13712345678"},
                  {"name": "屋顶分布式光伏项目", "location": "登封市告成镇", "investment_yuan": "4800000",
                   "industry": "新能源"}, other)
    return {"main": main, "closed": closed, "new": new}


# -- the public screens ----------------------------------------------------------------------


def public_queue_hall(db) -> None:
    """The morning's queue with three windows calling (09:20–09:29) and window 01 recalling."""
    queue_hall(db)
    window_call(db, "C001", "call_next", "09:20")  # A002 (elderly) at 01
    window_call(db, "C002", "call_next", "09:24")  # B001 at 02
    window_call(db, "C003", "call_next", "09:27")  # A001 at 03
    window_call(db, "C001", "recall", "09:29")


def rating_hall(db, *, serving: bool = True) -> None:
    """The queue with window 01 serving A002 since 09:21 (the visit the rating screen asks about)."""
    queue_hall(db)
    if serving:
        window_call(db, "C001", "call_next", "09:20")
        window_call(db, "C001", "start_serving", "09:21")


def assess_hall(db) -> None:
    """Twelve more windows (11–22) and fourteen clerks, two frozen and confirmed quarters (2025Q3, 2025Q4).

    The deductions of tests/test_assess_quarter.py rank the windows and staff, so that
    some windows hold two stars, some one, the latest red flags sit on 2025Q4's winners,
    and ten business and ten discipline model staff are named.
    """
    from sqlalchemy import select

    from console.assess.months import freeze_month
    from console.assess.quarter import confirm_quarter
    from console.assess.rules import add_entry, ensure_default_rules
    from models import Role, Site, SiteKind, Staff, Window

    make_hall(db)
    runner = runner_at(db, datetime(2025, 7, 1, 8, 0))
    with runner.transaction(None, write=True) as ctx:
        ensure_default_rules(ctx.session, at=ctx.now())
        center = ctx.session.scalar(select(Site).where(Site.kind == SiteKind.center))
        windows = [Window(site_id=center.id, number=f"{11 + i:02d}", name=f"窗口{11 + i}") for i in range(12)]
        ctx.session.add_all(windows)
        ctx.session.flush()
        ctx.session.add_all([Staff(employee_no=f"K{i + 1:03d}", name=name, role=Role.clerk, site_id=center.id,
                                   window_id=windows[i].id if i < len(windows) else None,
                                   pin_hash=pin_hash(), created_at=ctx.now())
                             for i, name in enumerate(["刘洋", "陈静", "杨帆", "黄磊", "赵敏", "周婷", "吴刚",
                                                       "徐丽", "孙伟", "马超", "朱琳", "胡军", "郭芳", "何平"])])
    supervisor = staff(db, "S001")
    entries = [
        ("WIN_DISCIPLINE", date(2025, 7, 2), "11", None, -10, "严重违纪"),
        ("WIN_DISCIPLINE", date(2025, 8, 2), "12", None, -6, "违纪"),
        ("WIN_DISCIPLINE", date(2025, 9, 2), "13", None, -4, "违纪"),
        ("WIN_DISCIPLINE", date(2025, 9, 3), "14", None, None, "督查发现"),
        ("WIN_PRAISE", date(2025, 8, 5), "22", None, None, "表扬"),
        ("LATE", date(2025, 7, 10), None, "K001", None, "迟到"),
        ("LATE", date(2025, 7, 11), None, "K002", None, "迟到"),
        ("ABSENT", date(2025, 8, 10), None, "K005", None, "脱岗"),
        ("PRAISE", date(2025, 8, 11), None, "K006", None, "表扬信"),
        ("WIN_DISCIPLINE", date(2025, 10, 9), "22", None, -8, "违纪"),
        ("WIN_DISCIPLINE", date(2025, 11, 4), "21", None, -6, "违纪"),
        ("WIN_PRAISE", date(2025, 12, 3), "11", None, None, "锦旗"),
        ("LATE", date(2025, 10, 15), None, "K003", None, "迟到"),
    ]
    for rule, day, window, who, points, reason in entries:
        call(runner, add_entry, rule, on_date=day, reason=reason, window=window, staff=who, points=points,
             actor=supervisor, at=datetime.combine(day, datetime.min.time()).replace(hour=16))
    for months, quarter, confirmed in ((("2025-07", "2025-08", "2025-09"), "2025Q3", datetime(2025, 10, 10, 9)),
                                       (("2025-10", "2025-11", "2025-12"), "2025Q4", datetime(2026, 1, 9, 9))):
        for month in months:
            call(runner, freeze_month, month, actor=supervisor, at=confirmed - timedelta(days=3))
        call(runner, confirm_quarter, quarter, actor=supervisor, at=confirmed)
