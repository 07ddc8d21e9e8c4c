"""Travel between places for one worker's mode: minutes for the clock, seconds for cost."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from matching.geo import EARTH_RADIUS_KM
from matching.rounds.model import Place

IntMatrix = npt.NDArray[np.int64]
FloatMatrix = npt.NDArray[np.float64]

# Walking speed when a mode is unknown; e-bike and bus as a township worker rides them.
SPEED_KMH: dict[str, float] = {
    "WALK": 4.5,
    "BIKE": 12.0,
    "EBIKE": 18.0,
    "BUS": 20.0,
    "CAR": 35.0,
}


def speed_of_mode(mode: str | None) -> float:
    return SPEED_KMH.get(mode or "WALK", SPEED_KMH["WALK"])


def km_matrix(places: Sequence[Place], detour: float) -> FloatMatrix:
    """Road km between every pair: great-circle km (haversine) times a detour factor."""
    lat = np.radians(np.array([p.lat for p in places], dtype=np.float64))
    lon = np.radians(np.array([p.lon for p in places], dtype=np.float64))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    out: FloatMatrix = km * detour
    return out


def minutes_matrix(km: FloatMatrix, speed_kmh: float) -> IntMatrix:
    """Whole minutes, rounded up: a plan kept at this grain is kept on the road."""
    return np.ceil(km / speed_kmh * 60.0 - 1e-9).astype(np.int64)


def seconds_matrix(km: FloatMatrix, speed_kmh: float) -> IntMatrix:
    """Travel seconds, the cost the planner minimises (finer than the clock's minutes)."""
    return np.rint(km / speed_kmh * 3600.0).astype(np.int64)


def leg_minutes(km: float, speed_kmh: float) -> int:
    return math.ceil(km / speed_kmh * 60.0 - 1e-9)
