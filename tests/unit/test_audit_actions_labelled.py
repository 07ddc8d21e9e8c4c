"""Every audit action the server writes has its label on the audit page, in both languages:
an action missing there would show its code (`CLAIM_NEED`) to the auditor."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The labels of the activity enums (AuditAction among them), joined into ENUM_LABELS.
MESSAGES = ROOT / "frontend" / "src" / "app" / "enumLabelsActivity.ts"
# The builders whose positional argument is an audit action: (name, index).
POSITIONAL = {"Step": 2, "TaskChange": 0, "AuditEntry": 0}


def _constants(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def written_actions() -> set[str]:
    found: set[str] = set()
    for package in ("server", "graph", "matching"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    for keyword in node.keywords:
                        if keyword.arg == "action":
                            found |= _constants(keyword.value)
                    name = getattr(node.func, "id", getattr(node.func, "attr", None))
                    at = POSITIONAL.get(name or "")
                    if at is not None and len(node.args) > at:
                        found |= _constants(node.args[at])
                elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "action" for t in node.targets
                ):
                    found |= _constants(node.value)
    return {a for a in found if re.fullmatch(r"[A-Z][A-Z0-9_]{2,}", a)}


def labelled_actions() -> set[str]:
    text = MESSAGES.read_text(encoding="utf-8")
    block = text[text.index("  AuditAction: {") :]
    block = block[: block.index("\n  },")]
    return set(
        re.findall(r"^    ([A-Z][A-Z0-9_]+): \{ 'zh-CN': '[^']+', en: '[^']+' \}", block, re.M)
    )


def test_the_scan_finds_the_actions_it_should() -> None:
    actions = written_actions()
    assert {"RECORD_VISIT", "CLAIM_NEED", "TAKE_CARE_TASK", "RELEASE_ADOPTION"} <= actions


def test_every_written_audit_action_has_a_label_in_both_languages() -> None:
    missing = sorted(written_actions() - labelled_actions())
    assert not missing, f"label these in AuditAction of {MESSAGES.relative_to(ROOT)}: {missing}"
