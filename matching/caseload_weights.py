"""Caseload weights: what a household takes from its worker's limit.

The one rule for a worker's load: the optimiser's facts, every load check (plan approval,
manual moves, accepting a proposal) and the weight stored on active matches all come from
`caseload_weight`. The services hand it to the graph transactions that read the households,
so graph/ only reads and writes the figures.
"""

from __future__ import annotations


def caseload_weight(dibao_class: str | None, warning_level: str | None) -> int:
    """Caseload units a household takes today: class A or red warning 3, orange or class B 2."""
    if dibao_class == "A" or warning_level == "RED":
        return 3
    if dibao_class == "B" or warning_level == "ORANGE":
        return 2
    return 1
