"""Names, phone numbers and resident ID numbers for the demo county's people."""

import math
import random
from datetime import date
from operator import mul
from typing import Final

from server.demo.shape import AREA_CODE, OTHER_AREA_CODES, weighted_choice
from server.registry.validation import ID_CHECK_CHARS, ID_WEIGHTS

# Shanxi-flavoured surname frequencies (王李张刘 lead everywhere; 郭武闫薛乔霍 are local).
SURNAMES: Final = weighted_choice(
    "王8.5 李6.5 张6.5 刘6 郭3.5 杨3 赵3 陈2.5 武2 高2 闫1.6 梁1.5 贾1.5 韩1.4 任1.4 田1.3"
    " 薛1.2 乔1.2 马1.2 霍1 孙1 吴1 周1 白1 黄0.8 胡0.9 段0.9 侯0.9 郝0.9 程0.8 史0.8"
    " 宋0.8 冯0.8 温0.7 牛0.7 范0.7 徐0.7 朱0.7 常0.7 秦0.6 康0.6 苏0.5 许0.5 何0.5 郑0.5"
    " 曹0.5 吕0.5 董0.5 于0.4 袁0.4"
)

# Given-name characters by sex and generation: (first characters, second characters, singles).
_GIVEN: Final[dict[tuple[str, int], tuple[str, str, str]]] = {
    ("M", 0): (
        "建国志德文永福玉明金成树保振长春俊有",
        "国华民军平明林山生才福贵荣忠强海祥成义",
        "山林福贵成海",
    ),
    ("F", 0): ("秀桂玉凤兰淑翠彩金月爱春素美", "英兰珍芳梅华莲琴花芬香荣霞云娥", "兰英梅芳珍"),
    ("M", 1): (
        "建志晓海伟俊宏小鹏文振永利红",
        "伟强军涛斌峰勇杰刚磊鹏亮龙波超辉",
        "伟强军勇斌刚磊涛",
    ),
    ("F", 1): ("丽晓雅红静春燕美艳小海丽", "娟丽燕霞敏静红艳芳琳莉婷玲", "芳敏静丽娟燕霞红"),
    ("M", 2): ("子浩宇俊梓一博明嘉思天皓", "轩宇然涵睿豪杰航阳辰泽铭", "浩宇杰航睿"),
    ("F", 2): ("欣梓雨思可佳诗一紫若语子", "涵怡彤萱琪悦欣妍瑶然琳诺", "悦彤琪妍"),
}


def _given_name_pool(first: str, second: str, single: str) -> tuple[str, ...]:
    """Every two-character combination, plus single characters repeated so that about
    15% of names come out as two characters in all (王伟) and 85% as three (王建国)."""
    pairs = [a + b for a in first for b in second if a != b]
    return (*pairs, *(single * math.ceil(0.15 / 0.85 * len(pairs) / len(single))))


_GIVEN_POOLS: Final = {
    sex: tuple(_given_name_pool(*_GIVEN[(sex, generation)]) for generation in range(3))
    for sex in ("M", "F")
}


def person_name(rng: random.Random, surname: str, sex: str, birth_year: int) -> str:
    pool = _GIVEN_POOLS[sex][0 if birth_year < 1975 else 1 if birth_year < 2000 else 2]
    return surname + pool[int(rng.random() * len(pool))]


def mobile_number(rng: random.Random) -> str:
    return f"1{'3456789'[int(rng.random() * 7)]}{int(rng.random() * 1e9):09d}"


def landline_number(rng: random.Random) -> str:
    return f"0351-5{int(rng.random() * 1e6):06d}"


# ---- resident ID numbers ----------------------------------------------------------------


class IdNumbers:
    """Allocates unique valid ID numbers: area code, birth date, sequence, check digit.

    The check digit is a weighted sum mod 11, so the weighted sums of the parts (area code,
    year, month-day, sequence) are precomputed and each number costs a few additions.
    """

    def __init__(self) -> None:
        self._areas = [(code, _digit_sum(code, 0)) for code in (AREA_CODE, *OTHER_AREA_CODES)]
        self._dates: dict[int, tuple[date, str, int]] = {}
        self._used: dict[int, int] = {}
        self._seq = [(f"{n:03d}", _digit_sum(f"{n:03d}", 14)) for n in range(1000)]
        self._month_day = {
            (m, d): (f"{m:02d}{d:02d}", _digit_sum(f"{m:02d}{d:02d}", 10))
            for m in range(1, 13)
            for d in range(1, 32)
        }
        self._years: dict[int, tuple[str, int]] = {}

    def birth(self, ordinal: int) -> tuple[date, str, int]:
        """The date, its 8 digits and their weighted sum, cached per day."""
        cached = self._dates.get(ordinal)
        if cached is None:
            d = date.fromordinal(ordinal)
            year = self._years.get(d.year)
            if year is None:
                year = self._years[d.year] = (f"{d.year:04d}", _digit_sum(f"{d.year:04d}", 6))
            month_day, md_sum = self._month_day[(d.month, d.day)]
            cached = self._dates[ordinal] = (d, year[0] + month_day, year[1] + md_sum)
        return cached

    def allocate(self, ordinal: int, male: bool) -> tuple[str, date]:
        cached = self._dates.get(ordinal)
        d, digits, date_sum = cached if cached is not None else self.birth(ordinal)
        sex_bit = 1 if male else 0
        key = ordinal * 2 + sex_bit
        used = self._used
        k = used.get(key, 0)
        used[key] = k + 1
        if k < 500:
            code, area_sum = self._areas[0]
        else:
            area, k = divmod(k, 500)
            code, area_sum = self._areas[area]
        # A per-date offset spreads sequences over 000-999 instead of all starting at 001.
        seq, seq_sum = self._seq[((ordinal * 7919 + sex_bit * 211 + k) % 500) * 2 + sex_bit]
        return code + digits + seq + ID_CHECK_CHARS[(area_sum + date_sum + seq_sum) % 11], d


def _digit_sum(digits: str, start: int) -> int:
    return sum(map(mul, map(int, digits), ID_WEIGHTS[start : start + len(digits)]))
