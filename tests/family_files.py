"""Learner family files for the tests: the worked example of content/README.md, read from it."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "content" / "README.md"


def readme_family_file() -> str:
    """The complete family file shown in content/README.md ("Your own problems")."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"`dot_product\.toml`: [^\n]*\n\n```toml\n(.*?)```", text, re.S)
    assert found, "the worked family file is missing from content/README.md"
    return found.group(1)
