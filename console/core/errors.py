"""Typed domain errors.  Each carries a message key and maps to an exit code.

Services raise these for anything a user can cause; the CLI prints the message
in the user's language and exits with :attr:`HallError.exit_code`; screens show
the message inline.  The transaction that raised is rolled back entirely.
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
