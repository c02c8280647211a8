"""Snapshots of the intake screen (受理) and its outcomes: receipt, waiver, deficiency notice, refusal, drafts.

Clerk C001 at window 01 (市场监管局) takes 工商登记 (SCJG-001: three materials, the
first two required, waiver allowed).  The outcome dialogs are reached by the
keys a clerk uses: F2 accept, F3 waiver, F4 deficiency notice, F5 refuse, F7 drafts.

How the pictures are made (fixed clock, data through the runner, keys through the
App): :mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    LARGE,
    PERSON_ID,
    PHONE,
    SNAP_AT,
    call,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    intake_form,
    keys,
    log_in,
    make_hall,
    runner_at,
    snap,
    staff,
    type_text,
)


@pytest.fixture
def hall_db(db):
    make_hall(db)
    return db


async def _intake(pilot, who: str = "C001") -> None:
    await log_in(pilot, who)
    await keys(pilot, "i")


async def _item(pilot, query: str = "gsdj") -> None:
    await _intake(pilot)
    await type_text(pilot, query)
    await keys(pilot, "enter")


async def _filled(pilot, ticks=("space", "down", "space"), name="张三", id_no=PERSON_ID, phone=PHONE) -> None:
    """Item, materials ticked with Space, Tab into the applicant fields."""
    await _item(pilot)
    await keys(pilot, *ticks)
    await keys(pilot, "tab")
    await type_text(pilot, name)
    await keys(pilot, "tab")
    await type_text(pilot, id_no)
    await keys(pilot, "tab")
    await type_text(pilot, phone)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_empty(snap_compare, hall_db, tmp_path, lang):
    """Only the items of the window's department are offered."""
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), _intake)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_item_chosen(snap_compare, hall_db, tmp_path, lang):
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), _item)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_item_chosen_at_120x40_with_the_six_disclosures(snap_compare, hall_db, tmp_path, lang):
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), _item, size=LARGE)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_applicant_filled(snap_compare, hall_db, tmp_path, lang):
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), _filled)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_organization_applicant(snap_compare, hall_db, tmp_path, lang):
    """Ctrl+T: an organization, with its credit code, legal representative and contact."""

    async def steps(pilot):
        await _item(pilot)
        await keys(pilot, "space", "down", "space", "ctrl+t", "tab")
        await type_text(pilot, "登封市嵩岳新材料有限公司")
        await keys(pilot, "tab")
        await type_text(pilot, "91410185MA3X00010D")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_intake_wrong_id_shown_inline(snap_compare, hall_db, tmp_path, lang):
    """F2 with a resident ID whose check digit is wrong: the field is marked and nothing is accepted."""

    async def steps(pilot):
        await _filled(pilot, id_no=PERSON_ID[:-1] + "1")
        await keys(pilot, "f2")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_accept_shows_the_receipt(snap_compare, hall_db, tmp_path, lang):
    """F2: the case is accepted and its receipt (受理通知书) shown, due in three working days."""

    async def steps(pilot):
        await _filled(pilot)
        await keys(pilot, "f2")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_waiver_form(snap_compare, hall_db, tmp_path, lang):
    """F3 with 身份证明 missing: the waiver's commitment and deadline (容缺受理)."""

    async def steps(pilot):
        await _filled(pilot, ticks=("space",))
        await keys(pilot, "f3")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_deficiency_notice(snap_compare, hall_db, tmp_path, lang):
    """F4 with 身份证明 missing: the one-time notice (一次性告知书) names it."""

    async def steps(pilot):
        await _filled(pilot, ticks=("space",))
        await keys(pilot, "f4")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_refusal_form(snap_compare, hall_db, tmp_path, lang):
    """F5: the reason typed, the item's legal basis offered."""

    async def steps(pilot):
        await _filled(pilot)
        await keys(pilot, "f5")
        await type_text(pilot, "not within this department's remit" if lang == "en" else "不属于本部门职权范围")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_refusal_notice(snap_compare, hall_db, tmp_path, lang):
    """F5, the reason, Ctrl+S: the written notice of refusal, with the keys to write it to a file."""

    async def steps(pilot):
        await _filled(pilot)
        await keys(pilot, "f5")
        await type_text(pilot, "not within this department's remit" if lang == "en" else "不属于本部门职权范围")
        await keys(pilot, "ctrl+s")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_kept_drafts(snap_compare, hall_db, tmp_path, lang):
    """F7: a draft kept at 09:05 and a deficiency notice of 09:12, newest first."""
    from console.cases.drafts import save_draft
    from console.cases.intake import issue_deficiency_notice

    runner = runner_at(hall_db)
    clerk = staff(hall_db, "C001")
    call(runner, save_draft, intake_form(name="赵六", received=(1,)), actor=clerk, at=SNAP_AT.replace(minute=5))
    call(runner, issue_deficiency_notice, intake_form(name="钱七", received=(2,)), actor=clerk,
         at=SNAP_AT.replace(minute=12))

    async def steps(pilot):
        await _intake(pilot)
        await keys(pilot, "f7")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)
