"""The house rules, checked: import boundaries, one clock, declared use cases, module sizes."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("core", "calendar", "org", "catalog", "queue", "cases", "proxy", "assess", "demo")
#: long files allowed: migrations and translation data
SIZE_EXEMPT = re.compile(r"^(models/migrations/|console/core/i18n/)")
MAX_LINES = 400


def _sources(*tops: str):
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path


def test_the_import_contracts_hold():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0, (
        "a contract in pyproject.toml is broken: run `lint-imports` to see which")


def test_no_module_is_longer_than_400_lines():
    long = {name: sum(1 for _ in path.open(encoding="utf-8"))
            for name, path in _sources("models", "console", "screens") if not SIZE_EXEMPT.match(name)}
    assert {name: n for name, n in long.items() if n > MAX_LINES} == {}


#: reading the operating system's clock anywhere but in the one clock
_CLOCK_CALLS = re.compile(r"\b(datetime\.now|datetime\.utcnow|datetime\.today|date\.today|time\.time|time\.localtime)\(")


def test_only_the_clock_reads_the_time():
    offenders = [f"{name}:{n}" for name, path in _sources("models", "console", "screens")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if _CLOCK_CALLS.search(line) and name != "console/core/clock.py"]
    assert offenders == []


def _part_modules():
    for part in PARTS:
        package = importlib.import_module(f"console.{part}")
        for info in pkgutil.walk_packages(package.__path__, f"console.{part}."):
            yield importlib.import_module(info.name)


def test_every_function_taking_a_context_is_a_declared_use_case():
    """A public function whose first parameter is ``ctx`` is a use case, declared with its permission."""
    from console.core.runner import UseCase

    undeclared = []
    for module in _part_modules():
        for name, value in vars(module).items():
            if name.startswith("_") or not callable(value) or getattr(value, "__module__", None) != module.__name__:
                continue
            code = getattr(value, "__code__", None)
            if code and code.co_argcount and code.co_varnames[0] == "ctx" and not isinstance(
                    getattr(value, "use_case", None), UseCase):
                undeclared.append(f"{module.__name__}.{name}")
    assert undeclared == []


def test_no_use_case_takes_a_session_and_an_actor():
    """Use cases take a Context; the old ``fn(session, actor, ...)`` shape is gone."""
    legacy = []
    for module in _part_modules():
        for name, value in vars(module).items():
            code = getattr(value, "__code__", None)
            if (not name.startswith("_") and code and getattr(value, "__module__", None) == module.__name__
                    and code.co_varnames[:2] == ("session", "actor")):
                legacy.append(f"{module.__name__}.{name}")
    assert legacy == []


def test_use_case_declarations_name_known_permissions_and_audit_actions():
    from console.core.permissions import PERMISSIONS
    from console.core.runner import PUBLIC, REGISTRY

    list(_part_modules())
    assert REGISTRY, "no use case is declared"
    for spec in REGISTRY.values():
        assert spec.permission == PUBLIC or spec.permission in PERMISSIONS, spec
        assert not spec.write or spec.audit or spec.unaudited, spec
        assert all(re.fullmatch(r"[a-z_]+\.[a-z_.]+", action) for action in spec.audit), spec


def test_screens_hold_no_sessions():
    """Screens run use cases; they never open a transaction or take a session."""
    pattern = re.compile(r"\.(read|write)\(\)\s+as\b|\bsession\b")
    offenders = [f"{name}:{n}" for name, path in _sources("screens")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line.split("#")[0])]
    assert offenders == []


def test_no_io_at_import_time():
    """Module bodies only define: no file opened, no connection, no environment read at import time."""
    offenders = []
    for name, path in _sources("models", "console", "screens"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign)):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                attr = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                owner = func.value if isinstance(func, ast.Attribute) else None
                if attr in {"open", "connect", "read_text", "read_bytes", "getenv"} or (
                        isinstance(owner, ast.Attribute) and owner.attr == "environ"):
                    offenders.append(f"{name}:{call.lineno}")
    assert offenders == []


def test_no_message_handler_calls_its_base_classs_handler():
    """Textual calls the handler of every class a widget or App is made of (``on_mount`` of the
    App and of its base; ``_on_key`` of an input and of ``Input``): a ``super().on_mount()`` ran the
    base's twice — two database set-ups at every start, each worker error told twice."""
    pattern = re.compile(r"super\(\)\.(_?on_(?!event\b)\w+)\(")
    offenders = [f"{name}:{n}: {m.group(1)}" for name, path in _sources("screens")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 for m in [pattern.search(line.split("#")[0])] if m]
    assert offenders == []
