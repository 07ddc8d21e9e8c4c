"""docs/security.md's generated part matches the access table (run `bangfu security-doc`)."""

from __future__ import annotations

from server.graphql.access import MUTATIONS, QUERIES
from server.security_doc import DOC_PATH, END, HAND_WRITTEN_START, generated, render


def test_the_security_doc_is_generated_from_the_current_table() -> None:
    current = DOC_PATH.read_text(encoding="utf-8")
    assert render(current) == current, "docs/security.md is stale: run `bangfu security-doc`"


def test_the_doc_names_every_root_field_and_keeps_the_hand_written_part() -> None:
    text = generated()
    for name in (*QUERIES, *MUTATIONS):
        assert f"| `{name}` |" in text
    edited = render(None).replace("## Rotating the token key", "## Rotating the key (edited)")
    assert "## Rotating the key (edited)" in render(edited)
    assert render(None).endswith(HAND_WRITTEN_START) and END in text
