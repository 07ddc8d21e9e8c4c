"""frontend/schema.graphql is the server's schema, so the frontend's drift test checks the
documents against what the server really serves. Regenerate with
`.venv/bin/bangfu export-schema --out frontend/schema.graphql`."""

from __future__ import annotations

from pathlib import Path

from server.graphql.schema import build_schema

EXPORTED = Path(__file__).resolve().parents[3] / "frontend" / "schema.graphql"


def test_the_exported_schema_is_current() -> None:
    assert EXPORTED.read_text(encoding="utf-8") == build_schema(production=False).as_str() + "\n"
