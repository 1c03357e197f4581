"""The README's settings table and .env.example list every setting the code reads (the docs cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillbase.config import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    name = field.upper()
    assert f"| `{name}` |" in (ROOT / "README.md").read_text(), f"README settings table lacks {name}"
    assert f"{name}=" in (ROOT / ".env.example").read_text(), f".env.example lacks {name}"


def test_readme_starts_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text()
    first_block = text.split("```")[1]
    assert first_block.split() == ["bash", "make", "run", "make", "test"]
