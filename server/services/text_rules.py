"""Characters a stored text may not hold (issue 8, finding 11): pure.

NUL and other control characters break exports and terminals; bidirectional overrides
(U+202A–U+202E, U+2066–U+2069) make a name display differently from what it is (a
"Trojan Source" trick). Free texts keep line breaks and tabs; names keep nothing of these.
"""

from __future__ import annotations

import unicodedata
from typing import Final

BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TEXT_WHITESPACE: Final = frozenset("\n\r\t")


def forbidden_character(text: str, *, multiline: bool) -> str | None:
    """The first character `text` may not hold, as U+XXXX, or None."""
    for ch in text:
        if ch in BIDI_CONTROLS or (
            unicodedata.category(ch) == "Cc" and not (multiline and ch in TEXT_WHITESPACE)
        ):
            return f"U+{ord(ch):04X}"
    return None
