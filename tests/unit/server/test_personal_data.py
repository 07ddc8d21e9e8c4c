"""Screening and redacting ID numbers and phone numbers in free text (issue 8, finding 8)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from server.registry.validation import id_check_char
from server.services.personal_data import ID_NUMBER, PHONE, redact, screen

# Text around a number: Chinese, punctuation and spaces, never a digit or a Latin letter
# glued to it.
CHINESE = st.text(
    alphabet=st.sampled_from(list("家中老人需要轮椅助听器药品，。、：（）元台个 的和在")),
    max_size=30,
)
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.integers(110000, 659999))
    year, month, day = (
        draw(st.integers(1920, 2020)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
    )
    birth = f"{year}{month:02d}{day:02d}"
    seq = f"{draw(st.integers(0, 999)):03d}"
    body = f"{region}{birth}{seq}"
    return body + id_check_char(body)


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    digits = (
        "1"
        + draw(st.sampled_from("3456789"))
        + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    )
    style = draw(st.sampled_from(["plain", "spaced", "dashed", "+86", "fullwidth"]))
    if style == "spaced":
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if style == "dashed":
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style == "+86":
        return "+86 " + digits
    if style == "fullwidth":
        return digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return digits


@st.composite
def landlines(draw: st.DrawFn) -> str:
    area = "0" + "".join(draw(st.lists(st.sampled_from("123456789"), min_size=2, max_size=3)))
    number = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=7, max_size=8)))
    sep = draw(st.sampled_from(["-", " ", ""]))
    return f"({area}){number}" if draw(st.booleans()) else f"{area}{sep}{number}"


@given(CHINESE, id_numbers(), CHINESE)
def test_an_id_number_anywhere_in_the_text_is_found(before: str, number: str, after: str) -> None:
    kinds = [f.kind for f in screen(before + number + after)]
    assert kinds == [ID_NUMBER]


@given(CHINESE, id_numbers(), CHINESE)
def test_an_old_15_digit_id_number_is_found(before: str, number: str, after: str) -> None:
    old = number[:6] + number[8:17]
    assert [f.kind for f in screen(before + old + after)] == [ID_NUMBER]


@given(CHINESE, st.one_of(mobiles(), landlines()), CHINESE)
def test_a_phone_number_anywhere_in_the_text_is_found(before: str, phone: str, after: str) -> None:
    assert [f.kind for f in screen(before + phone + after)] == [PHONE]


@given(CHINESE, st.lists(st.integers(0, 999_999), max_size=5))
def test_amounts_counts_and_dates_pass(text: str, numbers: list[int]) -> None:
    written = text + "，".join(f"{n}元" for n in numbers) + "，2024-05-12 到期"
    assert screen(written) == []
    assert redact(written) == written


@given(st.text(max_size=200))
def test_redacted_text_has_nothing_left_to_find(text: str) -> None:
    assert screen(redact(text)) == []
    assert redact(redact(text)) == redact(text)


@given(CHINESE, id_numbers(), mobiles(), CHINESE)
def test_redaction_masks_digit_for_digit(before: str, number: str, phone: str, after: str) -> None:
    shown = redact(before + number + "，电话" + phone + after)
    assert shown.startswith(before) and shown.endswith(after)
    assert not re.search(r"\d{3}", shown.replace(" ", "").replace("-", "")), shown
    assert len(shown) == len(before + number + "，电话" + phone + after)
