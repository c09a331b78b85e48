"""The one exception type for problems a user can fix (bad input, missing files, bad IDs).

The CLI prints its message and exits non-zero; the API turns it into a 4xx JSON body.
Anything else escaping is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem in what the user gave us, with a message that names it."""

    exit_code: int = 2
    http_status: int = 400

    def __init__(self, message: str, *, detail: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(UserError):
    """An ID, file or resource that does not exist."""

    http_status = 404


class ValidationFailed(UserError):
    """Content that breaks the shapes or the reasoner (SHACL violations, inconsistency)."""

    exit_code = 1
    http_status = 422


__all__ = ["NotFound", "UserError", "ValidationFailed"]
