"""Typed domain errors.  Each carries a message key and maps to an exit code.

Use cases raise these for anything a user can cause; the CLI prints the message
in the user's language and exits with :attr:`HallError.exit_code`; screens show
the message inline.  The transaction that raised is rolled back entirely.

Failures of the database itself (busy, unreachable, a value it refuses) are turned
into the same typed errors by :func:`classify`, the one classifier the use-case
runner, the CLI and the TUI share.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.core.exitcodes import ExitCode
from console.core.i18n import t


class HallError(Exception):
    """Base of every error a user can cause."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    @property
    def message(self) -> str:
        """The message in the current language."""
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message


class NotFound(HallError):
    """The thing named does not exist."""

    exit_code = ExitCode.NOT_FOUND


class Invalid(HallError):
    """A value is invalid; ``field`` names it when known."""

    exit_code = ExitCode.INVALID

    def __init__(self, key: str, /, field: str | None = None, **params: object) -> None:
        super().__init__(key, field=field or "", **params)
        self.field = field


class PermissionDenied(HallError):
    """The acting staff member's role does not allow the action."""

    exit_code = ExitCode.PERMISSION


class AuthFailed(HallError):
    """Log-in failed or the account is locked or inactive."""

    exit_code = ExitCode.AUTH


class LoginRequired(AuthFailed):
    """Nobody is logged in, and the use case is not in the public scope."""


class Conflict(HallError):
    """The action conflicts with the current state (somebody else got there first)."""

    exit_code = ExitCode.CONFLICT


class IntegrityBroken(HallError):
    """A tamper check failed."""

    exit_code = ExitCode.INTEGRITY


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file: its row number (1 = header), column and message."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportRejected(Invalid):
    """An import found bad rows; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("errors.import_rejected", count=len(errors))
        self.errors = errors

    @property
    def message(self) -> str:
        lines = [t("errors.import_rejected", count=len(self.errors))]
        for error in self.errors:
            lines.append(t("errors.row_error", row=error.row, column=error.column, message=error.message))
        return "\n".join(lines)


class DatabaseBusy(HallError):
    """The database is busy (locked by another writer past the timeout); nothing was written."""

    exit_code = ExitCode.DATABASE


class DatabaseUnavailable(HallError):
    """The database cannot be reached or opened."""

    exit_code = ExitCode.DATABASE


def classify(error: BaseException | None) -> HallError | None:
    """The typed error a database failure means to a user, or ``None`` when it is not one.

    * a lock or serialization failure: :class:`DatabaseBusy` (try again);
    * a refused connection, a file that cannot be opened: :class:`DatabaseUnavailable`;
    * a constraint violated by data changed meanwhile: :class:`Conflict`;
    * a value the database refuses (too long, a NUL byte, out of range): :class:`Invalid`.
    """
    if error is None or isinstance(error, HallError):
        return error
    module = type(error).__module__
    if not module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        return None
    from sqlalchemy import exc

    text = str(getattr(error, "orig", None) or error).lower()
    first = str(getattr(error, "orig", None) or error).strip().splitlines()[0] if str(error).strip() else ""
    if any(word in text for word in ("locked", "busy", "could not obtain lock", "deadlock",
                                     "could not serialize", "lock timeout")):
        return DatabaseBusy("errors.database_busy")
    if isinstance(error, exc.IntegrityError):
        return Conflict("errors.database_conflict")
    if isinstance(error, exc.DataError) or "nul" in text and "character" in text:
        return Invalid("errors.database_value", detail=first)
    if isinstance(error, (exc.OperationalError, exc.InterfaceError)) or "connect" in text:
        return DatabaseUnavailable("errors.database", detail=first)
    if isinstance(error, exc.SQLAlchemyError):
        return DatabaseUnavailable("errors.database", detail=first)
    return None
