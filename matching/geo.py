"""Distances on the earth's surface and nearest-worker search without all-pairs matrices."""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_KM: Final = 6371.0088  # IUGG mean radius

FloatArray = npt.NDArray[np.float64]


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Points on the unit sphere: Euclidean (chord) order there is great-circle order, so a
    KD-tree on them finds true nearest neighbours anywhere, poles and date line included."""
    phi = np.radians(lat)
    lam = np.radians(lon)
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def chord_to_km(chord: FloatArray) -> FloatArray:
    """Great-circle km from unit-sphere chord length (exact, same as haversine)."""
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0))


def km_to_chord(km: float) -> float:
    """The chord length of a great-circle distance; a KD-tree radius for `km`."""
    angle = min(km / EARTH_RADIUS_KM, np.pi)
    return float(2.0 * np.sin(angle / 2.0))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle km between two points, by the haversine formula (scalar, for checks and
    explanations; the solver's arcs come from chord lengths)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(min(1.0, float(a)))))
