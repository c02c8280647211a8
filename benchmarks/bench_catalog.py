"""Catalog import speed: ``import_catalog`` of a generated 384-item CSV beside the same SQL done bare.

Run: ``python benchmarks/bench_catalog.py [--rounds N] [--items N] [--json]``

Every round starts from a fresh copy of one migrated SQLite file holding 33
departments, and the measurements take turns round by round.  The import is what
``hall catalog import`` runs: the whole service call through the runner (decode, parse,
validate every row, pinyin initials, ORM inserts, one audit event, commit).

The baseline is the same database work: the very statements the import sends
(recorded from the engine in a warm-up round), with the same parameters, replayed
through the raw driver on a fresh copy and committed.  For reference, three bare
``sqlite3`` ``executemany`` runs insert the same rows (items, then their materials)
with nothing else, then reading the CSV with the ``csv`` module first, then the
pinyin initials of every name too (the search key the import must fill): each with
its ratio to the same-SQL baseline.  Medians and p10–p90; ``--json`` prints one JSON
object (milliseconds) on the last line.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import band, capture, figure, print_json, replay  # noqa: E402

WORDS = ["登记", "许可", "备案", "审批", "核准", "变更", "注销", "年检", "认定", "证明"]
SUBJECTS = ["企业", "食品", "药品", "建筑", "道路", "社会团体", "民办学校", "林木", "取水", "户外广告", "医疗机构"]
MATERIALS = ["申请书", "身份证明", "营业执照", "场地证明", "委托书", "图纸", "检测报告", "章程"]


def make_template(folder: Path, departments: int):
    """A migrated SQLite file with the departments; returns its path and the department codes."""
    from models import Department
    from models.engine import Database

    path = folder / "template.db"
    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    codes = [f"D{n:02d}" for n in range(1, departments + 1)]
    with db.write() as s:
        s.add_all(Department(code=code, name=f"部门{code}") for code in codes)
    db.dispose()
    return path, codes


def make_csv(path: Path, items: int, departments: list[str]) -> None:
    from console.catalog.imports import COLUMNS

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(items):
            name = SUBJECTS[n % len(SUBJECTS)] + WORDS[n % len(WORDS)] + f"{n}"
            mats = "; ".join(
                (f"[{m}]" if k % 3 == 2 else m) + ("*2" if k == 0 else "")
                for k, m in enumerate(MATERIALS[: 1 + n % 6])
            )
            writer.writerow([
                f"I{n:04d}", name, departments[n % len(departments)], f"《{SUBJECTS[n % len(SUBJECTS)]}管理条例》第{n % 40 + 1}条",
                "受理—审查—决定—送达", n % 21, f"{(n % 5) * 25}.00", "按件收费" if n % 5 else "不收费",
                "财政部门核定" if n % 5 else "—", mats, "yes" if n % 7 == 0 else "no", 2004,
                2008 if n % 5 == 4 else "", "",
            ])


def time_import(template: Path, work: Path, source: Path, *, record: list | None = None,
                statements: list | None = None) -> float:
    """Seconds of the import on a fresh copy of ``template`` (its statements appended to
    ``record`` when given); with ``statements``, those replayed through the raw driver instead."""
    from console.catalog.imports import import_catalog
    from console.core.auth import Actor
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from console.core.textsearch import pinyin_initials
    from models import Role
    from models.engine import Database

    target = work / "import.db"
    shutil.copy(template, target)
    db = Database(f"sqlite:///{target}")
    admin = Actor(id=0, employee_no="bench", name="bench", role=Role.admin)
    pinyin_initials.cache_clear()
    with db.read() as s:  # open the connection outside the timing, like the baseline
        s.connection()
    runner = Runner(db, clock=FixedClock("2026-03-02 09:00"))
    if statements is not None:
        start = time.perf_counter()
        replay(db.engine, statements, commit=True)
        elapsed = time.perf_counter() - start
        with db.read() as s:
            from sqlalchemy import text

            assert s.execute(text("SELECT count(*) FROM items")).scalar() > 0
        db.dispose()
        return elapsed
    if record is not None:
        with capture(db.engine) as recorded:
            result = runner.run(import_catalog, source, actor=admin)
        record.extend(recorded)
        db.dispose()
        return 0.0
    start = time.perf_counter()
    result = runner.run(import_catalog, source, actor=admin)
    elapsed = time.perf_counter() - start
    db.dispose()
    assert result.total > 0
    return elapsed


def read_rows(source: Path):
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows


def time_executemany(template: Path, work: Path, rows: list[dict], *, parse_from: Path | None = None,
                     initials: bool = False) -> float:
    target = work / "bare.db"
    shutil.copy(template, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    departments = dict(conn.execute("SELECT code, id FROM departments"))
    start = time.perf_counter()
    if parse_from is not None:
        rows = read_rows(parse_from)
    keys = {}
    if initials:
        from console.core.textsearch import pinyin_initials

        pinyin_initials.cache_clear()
        keys = {r["code"]: pinyin_initials(r["name"]) for r in rows}
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO items (code, name, department_id, legal_basis, procedure, promised_days, fee_fen, "
        "fee_standard, fee_basis, waiver_allowed, catalog_year, retired_year, merged_into_id, pinyin_initials) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        [(r["code"], r["name"], departments[r["department"]], r["legal_basis"], r["procedure"],
          int(r["promised_days"]), int(float(r["fee_yuan"]) * 100), r["fee_standard"], r["fee_basis"],
          r["waiver_allowed"] == "yes", int(r["catalog_year"]), int(r["retired_year"]) if r["retired_year"] else None,
          keys.get(r["code"], ""))
         for r in rows],
    )
    ids = dict(conn.execute("SELECT code, id FROM items"))
    materials = []
    for r in rows:
        for position, entry in enumerate(r["materials"].split("; "), start=1):
            optional = entry.startswith("[")
            name = entry.strip("[]")
            copies = 2 if name.endswith("*2") else 1
            materials.append((ids[r["code"]], position, name.removesuffix("*2"), not optional, copies, ""))
    conn.executemany(
        "INSERT INTO materials (item_id, position, name, required, copies, note) VALUES (?, ?, ?, ?, ?, ?)",
        materials,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--items", type=int, default=384)
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    args = parser.parse_args()

    from console.core.textsearch import pinyin_initials

    pinyin_initials("预热")  # load pypinyin's dictionaries outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template, departments = make_template(folder, 33)
        source = folder / "catalog.csv"
        make_csv(source, args.items, departments)
        rows = read_rows(source)
        statements: list = []
        time_import(template, folder, source, record=statements)  # warm-up, and the import's SQL
        time_import(template, folder, source, statements=statements)
        time_executemany(template, folder, rows)
        results = {"same SQL, raw driver": [], "hall catalog import": [], "executemany": [],
                   "csv + executemany": [], "csv + pinyin + executemany": []}
        for _ in range(args.rounds):
            results["same SQL, raw driver"].append(time_import(template, folder, source, statements=statements))
            results["hall catalog import"].append(time_import(template, folder, source))
            results["executemany"].append(time_executemany(template, folder, rows))
            results["csv + executemany"].append(time_executemany(template, folder, rows, parse_from=source))
            results["csv + pinyin + executemany"].append(
                time_executemany(template, folder, rows, parse_from=source, initials=True))
    base_name = "same SQL, raw driver"
    base = [t * 1000 for t in results[base_name]]
    figures = {name: figure([t * 1000 for t in times], None if name == base_name else base,
                            None if name == base_name else base_name)
               for name, times in results.items()}
    if args.json:
        print_json({"items": args.items, "rounds": args.rounds, "statements": len(statements), "unit": "ms",
                    "figures": figures})
        return
    print(f"catalog import of {args.items} items, SQLite, median of {args.rounds} rounds in turns "
          f"({len(statements)} statements)")
    print(f"{'what':<30}{'median ms':>12}{'p10–p90 ms':>16}{'ratio':>8}")
    for name, f in figures.items():
        shown = f"{f['ratio']:>7.1f}x" if f.get("ratio") is not None else ""
        print(f"{name:<30}{f['median']:>12.1f}{band(f, '.1f'):>16}{shown}")


if __name__ == "__main__":
    main()
