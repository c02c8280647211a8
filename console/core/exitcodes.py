"""Exit codes of the ``hall`` command line (documented in the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    """What a ``hall`` command's exit status means."""

    OK = 0
    #: an unexpected failure (a bug or an unreachable database)
    FAILURE = 1
    #: wrong command-line usage (unknown option, missing argument)
    USAGE = 2
    #: the thing named does not exist
    NOT_FOUND = 3
    #: the input is invalid (bad field, bad row, bad file)
    INVALID = 4
    #: the acting staff member may not do this
    PERMISSION = 5
    #: log-in failed, or the account is locked
    AUTH = 6
    #: the data changed under us or the action conflicts with the current state
    CONFLICT = 7
    #: the database could not be reached or is busy
    DATABASE = 8
    #: an integrity check found tampering (audit verify)
    INTEGRITY = 9
