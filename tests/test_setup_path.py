"""A real hall from nothing: an empty database, ``hall db init``, ``hall org import``, a PIN, a clerk at work."""

from __future__ import annotations

import json

from console.org.orgfile import COLUMNS

ADMIN_PIN, CLERK_PIN = "246810", "135792"
ORG = [
    "site,410185101,大金店镇便民服务中心,township,410185,,,,,,,,,,,",
    "department,GA,公安局,,,410185,,,,公安局行政服务科,C101,,,,,",
    "department,MZ,民政局,,,410185; 410185101,,,,,,,,,,",
    "window,11,公安窗口,,,410185,GA,,,,,,,,,",
    "window,12,综合窗口,,,410185,GA; MZ,,,,,,,,,",
    "window,01,民政窗口,,,410185101,MZ,,,,,,,,,",
    "staff,C101,刘户籍,,,410185,GA,11,clerk,,,,,,,",
    "staff,C102,陈综合,,,410185,MZ,12,clerk,,,,,,,",
]


def test_from_an_empty_database_to_a_clerk_calling_at_their_window(cli, db, tmp_path):
    admin = {"as_": "A1", "pin": ADMIN_PIN}
    # a clerk of a hall that does not exist yet is nobody
    assert cli("whoami", as_="C101", pin=CLERK_PIN).exit_code != 0
    init = cli("db", "init", "--site", "410185", "--site-name", "登封市行政服务中心", "--admin", "A1",
               "--name", "王管理", "--pin-from-env", env={"HALL_NEW_PIN": ADMIN_PIN})
    assert init.exit_code == 0, init.output
    path = tmp_path / "org.csv"
    path.write_text("\n".join([",".join(COLUMNS), *ORG]) + "\n", encoding="utf-8")
    imported = cli("org", "import", str(path), **admin)
    assert imported.exit_code == 0, imported.output
    assert "C101, C102" in imported.stdout
    # no PIN yet: the new clerk cannot log in until the administrator gives one
    assert cli("whoami", as_="C101", pin=CLERK_PIN).exit_code != 0
    given = cli("staff", "reset-pin", "C101", "--pin-from-env", env={"HALL_NEW_PIN": CLERK_PIN}, **admin)
    assert given.exit_code == 0, given.output
    who = cli("whoami", "--json", as_="C101", pin=CLERK_PIN)
    assert who.exit_code == 0, who.output
    assert json.loads(who.stdout)["role"] == "clerk"
    # the administrator opens a queue service at the clerk's window; an applicant takes a ticket
    service = cli("queue", "service-add", "HJ", "--name", "户籍", "--prefix", "H", "--department", "GA",
                  "--window", "11", **admin)
    assert service.exit_code == 0, service.output
    ticket = cli("ticket", "take", "--service", "HJ", "--json")
    assert ticket.exit_code == 0, ticket.output
    number = json.loads(ticket.stdout)["number"]
    called = cli("queue", "call", "--json", as_="C101", pin=CLERK_PIN)
    assert called.exit_code == 0, called.output
    result = json.loads(called.stdout)
    assert (result["number"], result["window"]) == (number, "11")
