"""Building import files for tests from the demo generator, with fresh ID numbers."""

from __future__ import annotations

import random
from dataclasses import replace

from graph.households import HouseholdRecord
from graph.members import PersonRecord
from server.demo.county import generate_county
from server.registry.household_csv_format import write_household_csv
from server.registry.validation import id_check_char


def fresh_id_number(person: PersonRecord, rng: random.Random) -> str:
    """An ID number for the same birth date and sex, with a sequence unlikely to be taken."""
    born = person.birth_date.strftime("%Y%m%d")
    seq = rng.randrange(10, 99)
    sex_digit = rng.choice("13579" if person.sex == "M" else "02468")
    first17 = f"149901{born}{seq:02d}{sex_digit}"
    return first17 + id_check_char(first17)


def households_for_villages(
    villages: list[str], *, households: int, seed: int
) -> tuple[list[HouseholdRecord], list[PersonRecord]]:
    """Generated households moved into the given villages, with unique fresh ID numbers."""
    rng = random.Random(seed)
    county = generate_county(households=households, seed=seed)
    chosen = list(county.households[:households])
    # Household refs unique to the seed, so files of different tests never share households.
    moved = [
        replace(h, id=f"t{seed}-{h.id}", village_id=villages[i % len(villages)])
        for i, h in enumerate(chosen)
    ]
    ids = {h.id for h in chosen}
    used: set[str] = set()
    people = []
    for p in county.people:
        if p.household_id not in ids:
            continue
        number = fresh_id_number(p, rng)
        while number in used:
            number = fresh_id_number(p, rng)
        used.add(number)
        people.append(replace(p, id_number=number, household_id=f"t{seed}-{p.household_id}"))
    return moved, people


def csv_bytes(
    households: list[HouseholdRecord], people: list[PersonRecord], encoding: str = "utf-8"
) -> bytes:
    return write_household_csv(households, people, encoding=encoding)
