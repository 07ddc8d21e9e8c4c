"""The demo county's helpers: stations, social workers, volunteers, and their conflicts."""

import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from graph.conflicts import ConflictRecord
from graph.social_workers import SocialWorkerRecord
from graph.stations import StationRecord
from graph.volunteers import VolunteerRecord
from server.caseload_facts import household_weight
from server.demo.households import Registry, birth_ordinal
from server.demo.names import SURNAMES, IdNumbers, landline_number, mobile_number, person_name
from server.demo.places import Township, Village, largest_remainder, offset_km
from server.demo.shape import CAPACITY_RATIO, randint, weighted_choice
from server.registry.household_facts import in_vocabulary_order
from server.registry.vocabulary import (
    CARE_SKILLS,
    SKILLS,
    TRAVEL_MODE_REACH_KM,
)

# ---- the helpers: stations, social workers, volunteers ----------------------------------

TRAVEL_MIX: Final = weighted_choice("WALK8 BIKE12 EBIKE45 BUS20 CAR15")
_EXTRA_SKILLS: Final = tuple(s for s in SKILLS if s not in CARE_SKILLS)


@dataclass(frozen=True, slots=True)
class _Home:
    """Where a helper lives and what they are called: the facts kinship is judged on."""

    helper_id: str
    village: int
    surname: str
    township: int


def station_records(rng: random.Random, townships: list[Township]) -> list[StationRecord]:
    stations = []
    for t in townships:
        seat = t.villages[0]  # 社工站 sit in the township seat
        lat, lon = offset_km(seat.lat, seat.lon, rng.uniform(-0.2, 0.2), rng.uniform(-0.2, 0.2))
        name = f"{t.name}社会工作服务站"
        stations.append(
            StationRecord(f"st-{t.index + 1:02d}", name, t.id, lat, lon, landline_number(rng))
        )
    return stations


def social_worker_records(
    rng: random.Random,
    townships: list[Township],
    stations: list[StationRecord],
    reg: Registry,
    count: int | None,
    ids: IdNumbers,
    today: date,
) -> tuple[list[SocialWorkerRecord], list[_Home]]:
    n_t = len(townships)
    load = [0] * n_t
    skill_load = [dict.fromkeys(CARE_SKILLS, 0) for _ in range(n_t)]
    for t, members in reg.by_township.items():
        for i in members:
            h = reg.households[i]
            w = household_weight(h)
            load[t] += w
            for s in h.needs_skills:
                skill_load[t][s] += w
    if count is None:
        per_station = [randint(rng, 5, 10) for _ in range(n_t)]
    else:
        per_station = largest_remainder(
            count, [float(len(reg.by_township.get(t, ()))) for t in range(n_t)]
        )
    # Capacity follows each station's load, then is scaled so the county total hits the ratio.
    raw = [
        load[t] / per_station[t] * rng.uniform(0.8, 1.2)
        for t in range(n_t)
        for _ in range(per_station[t])
    ]
    total = sum(load) * rng.uniform(*CAPACITY_RATIO)
    scale = total / sum(raw) if sum(raw) > 0 else 0.0
    workers: list[SocialWorkerRecord] = []
    homes: list[_Home] = []
    for t, town in enumerate(townships):
        n = per_station[t]
        skills: list[list[str]] = [list(CARE_SKILLS) if i == 0 else [] for i in range(n)]  # 站长
        for s in CARE_SKILLS:
            share = skill_load[t][s] / load[t] if load[t] else 0.0
            for i in rng.sample(range(n), min(n, math.ceil(n * min(1.0, 1.5 * share + 0.1)))):
                if s not in skills[i]:
                    skills[i].append(s)
        for i in range(n):
            skills[i].extend(rng.sample(_EXTRA_SKILLS, randint(rng, 1, 2)))
            worker_id = f"sw-{len(workers) + 1:04d}"
            village = town.villages[0] if rng.random() < 0.4 else _pick_village(rng, town)
            surname = village.clans.pick(rng) if rng.random() < 0.4 else SURNAMES.pick(rng)
            sex = "F" if rng.random() < 0.65 else "M"
            id_number, birth = ids.allocate(
                birth_ordinal(rng, today.toordinal(), randint(rng, 23, 55)), sex == "M"
            )
            home_lat, home_lon = offset_km(
                village.lat, village.lon, rng.gauss(0, 0.4), rng.gauss(0, 0.4)
            )
            mode = TRAVEL_MIX.pick(rng)
            workers.append(
                SocialWorkerRecord(
                    id=worker_id,
                    station_id=stations[t].id,
                    name=person_name(rng, surname, sex, birth.year),
                    sex=sex,
                    phone=mobile_number(rng),
                    id_number=id_number,
                    home_lat=home_lat,
                    home_lon=home_lon,
                    caseload_limit=round(raw[len(workers)] * scale),
                    reach_km=TRAVEL_MODE_REACH_KM[mode],
                    travel_mode=mode,
                    skills=in_vocabulary_order(skills[i], SKILLS),
                    languages=("MANDARIN", "JIN") if rng.random() < 0.8 else ("MANDARIN",),
                )
            )
            homes.append(_Home(worker_id, village.index, surname, t))
    return workers, homes


def _pick_village(rng: random.Random, town: Township) -> Village:
    return town.villages[int(rng.random() * len(town.villages))]


_VOLUNTEER_SECOND: Final = weighted_choice("PARTY_MEMBER35 VILLAGE_DOCTOR30 TEACHER20 RESIDENT15")
_VOLUNTEER_SKILLS: Final[dict[str, tuple[str, ...]]] = {
    "VILLAGE_CADRE": ("EMPLOYMENT_SERVICES", "DAILY_CARE"),
    "PARTY_MEMBER": ("ELDERLY_CARE", "DAILY_CARE"),
    "VILLAGE_DOCTOR": ("MEDICAL", "ELDERLY_CARE"),
    "TEACHER": ("CHILD_PROTECTION", "TUTORING"),
    "POLICE": ("CHILD_PROTECTION", "LEGAL"),
    "LAWYER": ("LEGAL",),
    "RESIDENT": ("DAILY_CARE",),
}
_VOLUNTEER_MALE: Final[dict[str, float]] = {
    "VILLAGE_CADRE": 0.75,
    "PARTY_MEMBER": 0.6,
    "VILLAGE_DOCTOR": 0.6,
    "TEACHER": 0.4,
    "POLICE": 0.85,
    "LAWYER": 0.6,
    "RESIDENT": 0.35,
}


_WINDOWS = (("08:00-12:00",), ("14:00-18:00",), ("08:00-12:00", "14:00-18:00"), ())


def _volunteering(index: int, kind: str, *, second: bool) -> dict[str, Any]:
    """Grid role and availability, derived from the placement (no draw from the generator,
    so the rest of the county stays as it was): cadres and party members are grid members
    by office; a village's second volunteer, when a resident, is its 网格员."""
    grid_role = (
        kind
        if kind in ("VILLAGE_CADRE", "PARTY_MEMBER")
        else "GRID_MEMBER"
        if second and kind == "RESIDENT"
        else None
    )
    weekdays = (1, 2, 3, 4, 5) if index % 3 else (6, 7) if index % 2 else ()
    return {
        "grid_role": grid_role,
        "available_weekdays": weekdays,
        "available_windows": _WINDOWS[index % len(_WINDOWS)],
        "radius_km": (3.0, 5.0, 8.0, 15.0)[index % 4],
    }


def volunteer_records(
    rng: random.Random, townships: list[Township], today: date
) -> tuple[list[VolunteerRecord], list[_Home]]:
    """A cadre and one more grid member per village; police and lawyers at township seats."""
    placements: list[tuple[Township, Village, str]] = []
    for t in townships:
        for v in t.villages:
            placements.append((t, v, "VILLAGE_CADRE"))
            placements.append((t, v, _VOLUNTEER_SECOND.pick(rng)))
        placements.append((t, t.villages[0], "POLICE"))
        if t.index % 4 == 0:
            placements.append((t, t.villages[0], "LAWYER"))
    volunteers: list[VolunteerRecord] = []
    homes: list[_Home] = []
    placements_seen: Counter[str] = Counter()
    for t, v, kind in placements:
        volunteer_id = f"vol-{len(volunteers) + 1:05d}"
        local = kind in ("VILLAGE_CADRE", "PARTY_MEMBER", "RESIDENT")
        surname = v.clans.pick(rng) if local and rng.random() < 0.7 else SURNAMES.pick(rng)
        sex = "M" if rng.random() < _VOLUNTEER_MALE[kind] else "F"
        birth_year = today.year - randint(rng, 25, 65)
        lat, lon = offset_km(v.lat, v.lon, rng.gauss(0, 0.3), rng.gauss(0, 0.3))
        volunteers.append(
            VolunteerRecord(
                id=volunteer_id,
                name=person_name(rng, surname, sex, birth_year),
                village_id=v.id,
                lat=lat,
                lon=lon,
                sex=sex,
                phone=mobile_number(rng),
                skills=in_vocabulary_order(_VOLUNTEER_SKILLS[kind], SKILLS),
                kind=kind,
                **_volunteering(len(volunteers), kind, second=placements_seen[v.id] > 0),
            )
        )
        placements_seen[v.id] += 1
        homes.append(_Home(volunteer_id, v.index, surname, t.index))
    return volunteers, homes


def conflict_records(
    rng: random.Random, reg: Registry, homes: list[_Home], workers: int
) -> list[ConflictRecord]:
    """KINSHIP: a helper shares the head's surname and village (~1% of households);
    DECLARED: a few workers declared a conflict with a household in their township."""
    target = round(0.01 * len(reg.households))
    order = list(range(len(homes)))
    rng.shuffle(order)
    conflicts: list[ConflictRecord] = []
    for i in order:
        if len(conflicts) >= target:
            break
        home = homes[i]
        kin = reg.heads.get((home.village, home.surname))
        if not kin:
            continue
        for h in rng.sample(kin, min(len(kin), randint(rng, 1, 3), target - len(conflicts))):
            conflicts.append(ConflictRecord(home.helper_id, reg.households[h].id, "KINSHIP"))
    taken = {(c.helper_id, c.household_id) for c in conflicts}
    for _ in range(round(0.001 * len(reg.households)) if workers else 0):
        home = homes[int(rng.random() * workers)]  # workers come first in `homes`
        nearby = reg.by_township.get(home.township)
        if not nearby:
            continue
        pair = (home.helper_id, reg.households[nearby[int(rng.random() * len(nearby))]].id)
        if pair not in taken:
            taken.add(pair)
            conflicts.append(ConflictRecord(pair[0], pair[1], "DECLARED"))
    return conflicts
