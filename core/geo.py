"""A point on the map (a venue's pin): latitude and longitude in degrees, WGS 84."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

# "54.6872, 25.2797", "54.6872 25.2797" or "54.6872;25.2797", as copied from a map.
_PAIR = re.compile(r"^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")
_PAIR_DOTS = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True, slots=True)
class GeoPoint:
    latitude: float
    longitude: float

    @classmethod
    def of(cls, latitude: Any, longitude: Any) -> GeoPoint | None:
        """A point from two numbers, or None when they are not coordinates on Earth."""
        try:
            lat, lon = float(latitude), float(longitude)
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            return None
        # Six decimals are about 10 cm: more is noise, and the stored text stays short.
        return cls(round(lat, 6), round(lon, 6))

    @classmethod
    def parse(cls, text: str) -> GeoPoint | None:
        """'54.6872, 25.2797' (latitude first, as maps copy it), or None."""
        match = _PAIR_DOTS.match(text) or _PAIR.match(text.replace(", ", " "))
        if match is None:
            return None
        return cls.of(match.group(1).replace(",", "."), match.group(2).replace(",", "."))

    def text(self) -> str:
        """'54.6872,25.2797': how the point is stored and written in files."""
        return f"{_degrees(self.latitude)},{_degrees(self.longitude)}"

    def map_url(self) -> str:
        """A map that opens on the pin in any browser."""
        lat, lon = _degrees(self.latitude), _degrees(self.longitude)
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _degrees(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
