"""Exceptions used inside the checker; none of them escapes :func:`check`."""

from __future__ import annotations


class AnswerError(Exception):
    """The answer cannot be read: becomes an ``invalid`` verdict with this message."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class TooLarge(AnswerError):
    """A number in the answer is too large to work with (a power tower, a huge factorial)."""

    def __init__(self, message: str = "", position: int | None = None) -> None:
        super().__init__(
            message or "That number is too large to work with (more than 10^300).", position
        )


class Undefined(Exception):
    """The value is mathematically undefined (division by zero, log of 0, ...)."""
