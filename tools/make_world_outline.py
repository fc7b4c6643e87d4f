"""Rebuild eventcoder/data/world_110m.geojson, the country outlines behind `eventcoder plot --kind map`.

The source is Natural Earth's 1:110m Admin 0 countries (public domain), as shipped inside the geopandas
0.14.4 wheel on PyPI (`geopandas/datasets/naturalearth_lowres/`; geopandas 1.0 dropped it). The script reads
the shapefile straight out of the wheel with the standard library, keeps each country's name and ISO 3166
alpha-3 code, rounds coordinates to 0.01 degree (about 1 km, far below the 110m scale's detail) and writes
a compact GeoJSON FeatureCollection sorted by code and name, so the same wheel always gives the same file:

    pip download --no-deps -d /tmp/ne geopandas==0.14.4
    python tools/make_world_outline.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

SOURCE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TARGET = Path(__file__).resolve().parents[1] / "eventcoder" / "data" / "world_110m.geojson"
Ring = list[tuple[float, float]]


def read_dbf(data: bytes, encoding: str) -> list[dict[str, str]]:
    """The records of a dBase III table, every field as stripped text."""
    count, header_size, record_size = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    for offset in range(32, header_size - 1, 32):
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
    records = []
    for index in range(count):
        start = header_size + index * record_size + 1
        record = {}
        for name, size in fields:
            record[name] = data[start:start + size].decode(encoding).strip()
            start += size
        records.append(record)
    return records


def read_polygons(data: bytes) -> list[list[Ring]]:
    """The rings of each (multi)polygon record of an ESRI shapefile."""
    shapes, offset = [], 100
    while offset < len(data):
        _, length = struct.unpack(">II", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        shape_type, = struct.unpack("<i", body[:4])
        if shape_type != 5:
            raise ValueError(f"shape type {shape_type} is not a polygon")
        parts, points = struct.unpack("<ii", body[36:44])
        starts = [*struct.unpack(f"<{parts}i", body[44:44 + 4 * parts]), points]
        xy = struct.unpack(f"<{2 * points}d", body[44 + 4 * parts:44 + 4 * parts + 16 * points])
        coords = [(round(xy[2 * i], 2), round(xy[2 * i + 1], 2)) for i in range(points)]
        shapes.append([coords[starts[i]:starts[i + 1]] for i in range(parts)])
    return shapes


def signed_area(ring: Ring) -> float:
    """Twice the signed area of a ring: negative when clockwise (a shapefile's outer ring)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def encloses(outer: Ring, hole: Ring) -> bool:
    """Whether the bounding box of `outer` holds that of `hole` (a hole may share vertices with its outer
    ring, so a point test on one of its vertices is not enough)."""
    xs, ys = [x for x, _ in outer], [y for _, y in outer]
    return all(min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys) for x, y in hole)


def to_multipolygon(rings: list[Ring]) -> list[list[Ring]]:
    """GeoJSON polygons: each clockwise ring is an outer ring (written counter-clockwise), each other ring a
    hole of the outer ring that contains it."""
    outers = [ring for ring in rings if signed_area(ring) < 0]
    polygons: list[list[Ring]] = [[ring[::-1]] for ring in outers]
    for ring in rings:
        if signed_area(ring) >= 0:
            owner = next(i for i, outer in enumerate(outers) if encloses(outer, ring))
            polygons[owner].append(ring[::-1])
    return polygons


def build(wheel: Path) -> dict[str, object]:
    """The FeatureCollection of the countries in the geopandas wheel."""
    with zipfile.ZipFile(wheel) as archive:
        encoding = archive.read(SOURCE + ".cpg").decode("ascii").strip()
        records = read_dbf(archive.read(SOURCE + ".dbf"), encoding)
        shapes = read_polygons(archive.read(SOURCE + ".shp"))
    features = [
        {
            "type": "Feature",
            "properties": {"name": record["name"], "iso_a3": record["iso_a3"]},
            "geometry": {"type": "MultiPolygon", "coordinates": to_multipolygon(rings)},
        }
        for record, rings in zip(records, shapes, strict=True)
    ]
    features.sort(key=lambda f: (f["properties"]["iso_a3"], f["properties"]["name"]))  # type: ignore[index]
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4 "
                  "naturalearth_lowres; coordinates rounded to 0.01 degree",
        "features": features,
    }


def main() -> None:
    """Write the outline file from the wheel named on the command line."""
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    collection = build(Path(sys.argv[1]))
    TARGET.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({len(collection['features'])} countries)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
