"""The demo county's map: townships and villages, their names and where they lie."""

import math
import random
from dataclasses import dataclass, field
from typing import Final

from graph.regions import RegionRecord
from server.demo.names import SURNAMES
from server.demo.shape import (
    AREA_CODE,
    BASE_SIDE_KM,
    BASE_TOWNSHIPS,
    BASE_VILLAGES,
    CENTRE,
    COUNTY_NAME,
    HOUSEHOLDS_PER_VILLAGE,
    KM_PER_DEG_LAT,
    VILLAGES_PER_TOWNSHIP,
    Choice,
)

# ---- the map: townships and villages ----------------------------------------------------

_TOWNSHIP_NAMES: Final = (
    *("娄烦镇", "静游镇", "杜交曲镇", "米峪镇", "庙湾乡", "天池店乡"),
    *("马家庄乡", "盖家庄乡", "汾源乡", "岚河乡", "涧河乡", "云顶乡"),
)
_PLACE_A: Final = "东西南北上下前后大小新高石柳杨枣梨龙凤青白红马牛羊狮虎桃杏松柏槐"
_PLACE_B: Final = "家王李石水山河树花沙桃杏松柏泉"
_PLACE_END: Final = "庄沟坪湾峪岭堡坡窑寨峁塔滩头营河泉崖岔"


@dataclass(slots=True)
class Village:
    index: int
    id: str
    name: str
    township: int
    lat: float
    lon: float
    clans: Choice[str]  # the village's dominant surnames (村里的大姓)
    km_per_deg_lon: float
    next_house: int = 0
    household_count: int = 0


@dataclass(slots=True)
class Township:
    index: int
    id: str
    name: str
    lat: float
    lon: float
    villages: list[Village] = field(default_factory=list)


def _township_name(rng: random.Random, index: int, used: set[str]) -> str:
    if index < len(_TOWNSHIP_NAMES):
        name = _TOWNSHIP_NAMES[index]
    else:
        name = ""
        while not name or name in used:
            name = (
                _PLACE_A[int(rng.random() * len(_PLACE_A))]
                + _PLACE_END[int(rng.random() * len(_PLACE_END))]
            )
            name += "镇" if rng.random() < 0.4 else "乡"
            if name in used and len(used) > 400:
                name = name[:-1] + f"{len(used)}乡"  # the name space is finite; stay unique
    used.add(name)
    return name


def _village_name(rng: random.Random, used: set[str]) -> tuple[str, str | None]:
    """A unique village name, and the clan surname it is named after if any (王家庄村)."""
    for attempt in range(60):
        end = _PLACE_END[int(rng.random() * len(_PLACE_END))]
        r = rng.random()
        clan = None
        if r < 0.45:
            clan = SURNAMES.pick(rng)
            stem = clan + "家"
        elif r < 0.8 or attempt < 20:
            stem = _PLACE_A[int(rng.random() * len(_PLACE_A))]
        else:
            stem = _PLACE_A[int(rng.random() * len(_PLACE_A))]
            stem += _PLACE_B[int(rng.random() * len(_PLACE_B))]
        name = stem + end + "村"
        if name not in used:
            used.add(name)
            return name, clan
    name = f"新{len(used)}村"
    used.add(name)
    return name, None


def offset_km(lat: float, lon: float, dx_km: float, dy_km: float) -> tuple[float, float]:
    km_per_deg_lon = KM_PER_DEG_LAT * math.cos(math.radians(lat))
    return lat + dy_km / KM_PER_DEG_LAT, lon + dx_km / km_per_deg_lon


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Split `total` into integers proportional to `weights`, summing exactly to `total`."""
    wsum = sum(weights)
    if wsum <= 0:
        weights, wsum = [1.0] * len(weights), float(len(weights))
    shares = [total * w / wsum for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def layout(rng: random.Random, households: int) -> list[Township]:
    n_villages = max(BASE_VILLAGES, round(households / HOUSEHOLDS_PER_VILLAGE))
    n_townships = max(BASE_TOWNSHIPS, round(n_villages / VILLAGES_PER_TOWNSHIP))
    side = BASE_SIDE_KM * math.sqrt(n_villages / BASE_VILLAGES)  # area grows with villages
    cols = math.ceil(math.sqrt(n_townships))
    rows = math.ceil(n_townships / cols)
    cw, ch = side / cols, side / rows
    cells = sorted(
        ((r, c) for r in range(rows) for c in range(cols)),
        key=lambda rc: (
            ((rc[0] + 0.5) * ch - side / 2) ** 2 + ((rc[1] + 0.5) * cw - side / 2) ** 2,
            rc,
        ),
    )  # the county seat (娄烦镇) takes the middle cell
    used_t: set[str] = set()
    used_v: set[str] = set()
    villages_per = largest_remainder(
        n_villages - n_townships, [rng.uniform(0.7, 1.3) for _ in range(n_townships)]
    )
    townships: list[Township] = []
    v_index = 0
    for t in range(n_townships):
        r, c = cells[t]
        x = (c + 0.5) * cw - side / 2 + rng.uniform(-0.15, 0.15) * cw
        y = side / 2 - (r + 0.5) * ch + rng.uniform(-0.15, 0.15) * ch
        lat, lon = offset_km(CENTRE[0], CENTRE[1], x, y)
        town = Township(t, f"rg-t{t + 1:03d}", _township_name(rng, t, used_t), lat, lon)
        for k in range(villages_per[t] + 1):  # +1: the seat village every township has
            if k == 0:
                dx, dy = rng.gauss(0, 0.3), rng.gauss(0, 0.3)
            else:
                dx, dy = rng.uniform(-0.45, 0.45) * cw, rng.uniform(-0.45, 0.45) * ch
            vlat, vlon = offset_km(lat, lon, dx, dy)
            name, clan = _village_name(rng, used_v)
            clans = [clan] if clan else []
            while len(clans) < 3:
                s = SURNAMES.pick(rng)
                if s not in clans:
                    clans.append(s)
            clan_choice = Choice(list(zip(clans, (5.0, 3.0, 2.0), strict=True)))
            village = Village(
                v_index,
                f"rg-v{v_index + 1:04d}",
                name,
                t,
                vlat,
                vlon,
                clan_choice,
                KM_PER_DEG_LAT * math.cos(math.radians(vlat)),
            )
            town.villages.append(village)
            v_index += 1
        townships.append(town)
    return townships


def region_records(townships: list[Township]) -> list[RegionRecord]:
    county_id = f"rg-{AREA_CODE}"
    regions = [RegionRecord(county_id, COUNTY_NAME, "COUNTY", None, CENTRE[0], CENTRE[1])]
    for t in townships:
        regions.append(RegionRecord(t.id, t.name, "TOWNSHIP", county_id, t.lat, t.lon))
    for t in townships:
        for v in t.villages:
            regions.append(RegionRecord(v.id, v.name, "VILLAGE", t.id, v.lat, v.lon))
    return regions
