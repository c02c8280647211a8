"""Anchoring the audit chain outside the database: signed checkpoints in a file of their own.

A checkpoint is one JSON line — the database it is about, the last event's id and
hash, the hall time — signed with HMAC-SHA-256 under a key kept outside the
database (``audit.key`` in the config directory, 0600, created on first use).
Whoever can rewrite the database but not the checkpoint file and the key cannot
cut the trail short or rewrite it unnoticed: ``hall audit verify`` checks every
checkpoint it can read against the chain (:func:`check_against`).

Checkpoints are appended by ``hall audit checkpoint``, and by the runner after
every daily close and each time the chain passes a multiple of
:data:`EVERY_EVENTS` events (:func:`due`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from console.core.files import FILE_MODE, private_dir

#: a checkpoint is written each time the chain passes a multiple of this many events
EVERY_EVENTS = 1000
#: audit actions after which a checkpoint is written by itself (the daily close)
CHECKPOINT_ACTIONS = frozenset({"queue.day_closed"})
KEY_FILE = "audit.key"
CHECKPOINT_DIR = "audit-checkpoints"


def database_id(url: str) -> str:
    """A short name of the database (its URL without password, hashed) used in checkpoints and file names."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def key_path(config_dir: Path) -> Path:
    return Path(config_dir) / KEY_FILE


def default_file(data_dir: Path, url: str) -> Path:
    """Where the checkpoints of the database ``url`` go unless told (``--to`` / ``--checkpoints``)."""
    return Path(data_dir) / CHECKPOINT_DIR / f"{database_id(url)}.jsonl"


def load_key(config_dir: Path, *, create: bool = False) -> bytes | None:
    """The signing key; made (32 random bytes, 0600) when missing and ``create``; else ``None``."""
    path = key_path(config_dir)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        if not create:
            return None
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:  # made by another process meanwhile
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    try:
        os.write(fd, secrets.token_hex(32).encode("ascii") + b"\n")
    finally:
        os.close(fd)
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def _payload(entry: dict) -> bytes:
    fields = {k: entry[k] for k in ("v", "db", "last_id", "hash", "at")}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(key: bytes, entry: dict) -> str:
    return hmac.new(key, _payload(entry), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint as read back: where it is (file and line) and what it says."""

    path: Path
    line: int
    db: str
    last_id: int
    hash: str
    at: str
    signature: str

    def name(self) -> str:
        return f"{self.path}:{self.line}"


def append(path: Path, key: bytes, url: str, last_id: int, last_hash: str, at: datetime) -> Checkpoint:
    """Append one signed checkpoint to ``path`` (0600, its folder 0700) and return it."""
    path = Path(path)
    private_dir(path.parent)
    entry = {"v": 1, "db": database_id(url), "last_id": last_id, "hash": last_hash, "at": at.isoformat(sep=" ")}
    entry["sig"] = sign(key, entry)
    line = json.dumps(entry, sort_keys=True) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
    count = sum(1 for _ in path.open(encoding="utf-8"))
    return Checkpoint(path, count, entry["db"], last_id, last_hash, entry["at"], entry["sig"])


def read(path: Path) -> list[Checkpoint | tuple[int, str]]:
    """The checkpoints of ``path`` in order; a line that cannot be read is ``(line, text)``."""
    out: list[Checkpoint | tuple[int, str]] = []
    for number, text in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            out.append(Checkpoint(Path(path), number, str(data["db"]), int(data["last_id"]), str(data["hash"]),
                                  str(data["at"]), str(data["sig"])))
        except (ValueError, KeyError, TypeError):
            out.append((number, text))
    return out


def genuine(key: bytes, checkpoint: Checkpoint) -> bool:
    """True when the checkpoint's signature is the key's."""
    entry = {"v": 1, "db": checkpoint.db, "last_id": checkpoint.last_id, "hash": checkpoint.hash,
             "at": checkpoint.at}
    return hmac.compare_digest(sign(key, entry), checkpoint.signature)


def due(before: int, after: int, actions: set[str]) -> bool:
    """Whether a transaction that took the chain from ``before`` to ``after`` events is followed by a checkpoint."""
    return after > before and (after // EVERY_EVENTS > before // EVERY_EVENTS or bool(actions & CHECKPOINT_ACTIONS))
