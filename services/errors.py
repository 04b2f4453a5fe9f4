"""Domain errors: each carries a message a clerk can act on, in Chinese.

The GUI shows ``str(error)``; the CLI prints it and exits non-zero.
"""
from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class FileWriteError(DomainError):
    """A file could not be written (disk full, read-only stick, no permission); names the file."""


class ValidationError(DomainError):
    """Bad input. ``field`` names the form field (English code) when there is one."""

    def __init__(self, message: str, field: str | None = None, problems: list["ValidationError"] | None = None):
        super().__init__(message)
        self.field = field
        self.problems = problems or []


class NotFoundError(DomainError):
    """A referenced item does not exist."""


class PermissionDenied(DomainError):
    """The current user's roles do not allow the action."""


class AuthenticationError(DomainError):
    """Wrong user name or password, a disabled account, or a locked one."""


class AccountRevoked(AuthenticationError):
    """The signed-in user's account was disabled meanwhile (services.security.session_guard); the GUI locks."""


class StateError(DomainError):
    """The action does not fit the item's current state (e.g. editing a finalized report)."""


class ConcurrentEditError(StateError):
    """Someone else saved the record after the form loaded it (several desks on one database): the
    message names who and when; nothing was saved, and the form keeps what the user typed."""


class IntegrityFailure(DomainError):
    """Stored data failed a check (audit chain, database integrity, a package)."""
