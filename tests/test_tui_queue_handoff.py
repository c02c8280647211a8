"""From the ticket being served, a clerk hands an investor's project to the proxy section with one key."""

from __future__ import annotations

from sqlalchemy import select

from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.test_tui_queue import qlog_in, qsettle, take, ticket
from tests.tuihelp import make_app, run, texts


async def _serve_and_hand_off(pilot):
    """C001 logs in, opens the window, calls the next ticket; returns the window screen and the
    number called, the hand-off form (``d``) open over it."""
    await qlog_in(pilot, "C001")
    await pilot.press("q")
    await qsettle(pilot)
    await pilot.press("n")
    await qsettle(pilot)
    screen = pilot.app.screen
    number = screen.view.current.number
    await pilot.press("d")
    await qsettle(pilot)
    return screen, number


def test_clerk_hands_the_served_investor_to_the_proxy_section(db, runner, clock, qhall, tmp_path):
    from stdnum.cn import uscc

    code = "91410185MA3X0B5K2" + uscc.calc_check_digit("91410185MA3X0B5K2")
    take(runner, "SCJG")

    async def scenario():
        app = make_app(db, tmp_path, lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            screen, number = await _serve_and_hand_off(pilot)
            assert type(app.screen).__name__ == "HandoffFormScreen"
            bad = code[:-1] + ("0" if code[-1] != "0" else "1")
            for value in ["登封市嵩阳建材有限公司", bad, "王经理", "13837100000", "新型建材生产线",
                          "登封市大金店镇", "12000000", "建材"]:
                await pilot.press(*value)
                await pilot.press("enter")
            await qsettle(pilot)
            form = app.screen  # refused: the form stays open and says why, the cursor on the code
            assert type(form).__name__ == "HandoffFormScreen" and form.error
            assert form.error in texts(form, "#proxy-form-error")
            assert form.focused is form.query_one("#proxy-field-uscc")
            await pilot.press("escape")
            await qsettle(pilot)
            assert app.screen is screen and screen.view.current.number == number  # refused: still served
            await pilot.press("d")  # the form comes back as typed; only the code is corrected
            await qsettle(pilot)
            form = app.screen
            assert form.query_one("#proxy-field-project").value == "新型建材生产线"
            field = form.query_one("#proxy-field-uscc")
            field.value = code
            field.focus()
            for _ in range(7):
                await pilot.press("enter")
            await qsettle(pilot)
            assert app.screen is screen
            assert screen.last_message.startswith("Handed to the proxy section as project XM")
            return number

    number = run(scenario())
    from models.proxy import Project

    with db.read() as s:
        project = s.scalar(select(Project))
        assert project.name == "新型建材生产线" and project.investment_fen == 12_000_000 * 100
        assert project.handed_off_at == clock.now()  # the screens' clock
    assert ticket(runner, number).status == "finished"


def test_the_handoff_form_names_every_wrong_field_at_once_and_takes_wan(db, runner, clock, qhall, tmp_path):
    """A wrong credit code is said as the field is left; on Enter the wrong phone is said beside it,
    both at once, and nothing is handed off; 5000万 is an investment of 50,000,000 yuan."""
    from stdnum.cn import uscc

    from models.proxy import Project

    code = "91410185MA9G0ABC1" + uscc.calc_check_digit("91410185MA9G0ABC1")
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    take(runner, "SCJG")

    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _serve_and_hand_off(pilot)
            form = app.screen
            await pilot.press(*"登封市新材料有限公司", "enter", *bad, "enter")
            await qsettle(pilot)
            assert list(form.errors) == ["uscc"] and form.error in texts(form, "#proxy-form-error")
            assert form.focused is form.query_one("#proxy-field-contact")  # said, not stopped at
            for value in ["李经理", "1391234", "新材料项目", "登封市产业集聚区", "5000万", "制造业"]:
                await pilot.press(*value, "enter")
            await qsettle(pilot)
            assert app.screen is form and sorted(form.errors) == ["phone", "uscc"]
            shown = texts(form, "#proxy-form-error")
            assert form.errors["uscc"] in shown and form.errors["phone"] in shown
            assert form.focused is form.query_one("#proxy-field-uscc")  # the first wrong one
            with db.read() as session:
                assert session.scalars(select(Project)).first() is None
            form.query_one("#proxy-field-uscc").value = code
            await qsettle(pilot)
            assert list(form.errors) == ["phone"]  # corrected: its message went at once
            assert form.errors["phone"] == texts(form, "#proxy-form-error")
            form.query_one("#proxy-field-phone").value = "13912345678"
            await qsettle(pilot)
            assert form.errors == {} and not form.query_one("#proxy-form-error").has_class("-shown")
            form.query_one("#proxy-field-industry").focus()
            await qsettle(pilot)
            await pilot.press("enter")
            await qsettle(pilot)
            assert type(app.screen).__name__ == "QueueWindowScreen", form.error

    run(scenario())
    with db.read() as session:
        project = session.scalars(select(Project)).one()
        assert project.investment_fen == 5_000_000_000 and project.name == "新材料项目"
