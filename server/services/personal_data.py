"""Personal data in free text (issue 8, finding 8): pure, no I/O.

A need's description is read by charities, enterprises and volunteers who must not learn
who the household is. Writing an ID number or a phone number into it is refused
(`screen`); text stored before the check is shown to those roles with every long run of
digits masked (`redact`).

`\\d` matches every Unicode decimal digit, so full-width digits (１３８…) count too, and
runs may be broken by spaces, hyphens or dots (also full-width), as people write phone
numbers. Numbers written in Chinese characters (一三八…) are not recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

ID_NUMBER: Final = "ID_NUMBER"
PHONE: Final = "PHONE"

_SEP = r"[ \t.\-\u3000\uff0d\uff0e]?"
_X = r"[Xx\uff38\uff58]"
# Not glued to further digits or letters: a part of a longer number is not this number.
_BEFORE = r"(?<![\dA-Za-z])"
_AFTER = r"(?![\dA-Za-z])"

_PATTERNS: Final = (
    # 18-digit resident ID (GB 11643): 17 digits and a check digit or X.
    (
        ID_NUMBER,
        re.compile(_BEFORE + r"\d(?:" + _SEP + r"\d){16}" + _SEP + r"(?:\d|" + _X + ")" + _AFTER),
    ),
    # 15-digit ID of before 1999.
    (ID_NUMBER, re.compile(_BEFORE + r"\d(?:" + _SEP + r"\d){14}" + _AFTER)),
    # Mainland mobile, optionally with +86.
    (
        PHONE,
        re.compile(
            r"(?<![\dA-Za-z+])(?:\+?86"
            + _SEP
            + r")?[1\uff11][3-9\uff13-\uff19]\d(?:"
            + _SEP
            + r"\d){8}"
            + _AFTER
        ),
    ),
    # Landline with area code: 010-12345678, (0351) 1234567, 03511234567.
    (
        PHONE,
        re.compile(
            _BEFORE
            + r"[(\uff08]?[0\uff10]\d{2,3}[)\uff09]?"
            + _SEP
            + r"\d{3,4}"
            + _SEP
            + r"\d{4}"
            + _AFTER
        ),
    ),
)

# Masked for outside roles: any run of 7 or more digits (separators allowed), and an X
# closing it (an ID's check character). Amounts and counts are shorter.
_LONG_DIGIT_RUN: Final = re.compile(r"\d(?:" + _SEP + r"\d){6,}(?:" + _X + r"(?![A-Za-z]))?")
_MASKED: Final = re.compile(r"\d|" + _X)
# Dates are long digit runs too, and say nothing about who: left as written.
_DATE: Final = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}")


@dataclass(frozen=True, slots=True)
class PersonalDataFound:
    kind: str  # ID_NUMBER | PHONE
    start: int
    end: int


def screen(text: str) -> list[PersonalDataFound]:
    """Every ID number and phone number in `text`, in order of position."""
    found: list[PersonalDataFound] = []
    taken: list[range] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() in span for span in taken):
                continue
            taken.append(range(m.start(), m.end()))
            found.append(PersonalDataFound(kind, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def redact(text: str) -> str:
    """`text` with every long run of digits masked by '*', digit for digit."""

    def mask(m: re.Match[str]) -> str:
        run = m.group()
        return run if _DATE.fullmatch(run) else _MASKED.sub("*", run)

    return _LONG_DIGIT_RUN.sub(mask, text)
