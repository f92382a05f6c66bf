"""Small pieces of English shared by the messages of several answer kinds."""

from __future__ import annotations


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def list_phrase(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """``1 entry``, ``3 entries``, ``2 dimensions``."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
