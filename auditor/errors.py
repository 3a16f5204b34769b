"""Named errors of the core. Each carries a message in Chinese for the user."""
from __future__ import annotations


class AuditorError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(AuditorError):
    """Bad input from the user: nothing was changed. The CLI exits 2."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])

    def __str__(self) -> str:
        head = str(self.args[0])
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class TemplateError(InputError):
    """A contract template or edited contract that does not validate."""


class NotFoundError(InputError):
    """A contract, month or document that does not exist."""


class StateError(InputError):
    """An action not allowed in the current state (e.g. editing a finalised month)."""
