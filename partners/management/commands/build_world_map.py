"""Turn Natural Earth's world TopoJSON into the SVG paths the partnership map draws.

The source is public-domain Natural Earth data as packaged by the npm package
`world-atlas` (countries-110m.json, ids are ISO 3166-1 numeric codes):

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python manage.py build_world_map /tmp/package/countries-110m.json

It writes partners/data/world_paths.json: {"viewBox": "...", "countries": {"JP": "M...Z", ...}}.
The map is drawn from that file, so this runs only when the shapes should change.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "world_paths.json"

# Equirectangular projection of longitude -180..180 and latitude 84..-58
# (Antarctica and the far north carry no partners and only take room).
WIDTH = 1000
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE)
# Points closer than this (in SVG units) to the previous kept point are dropped.
MIN_STEP = 0.6


def decode_arcs(topology):
    """Absolute longitude/latitude points of every arc (TopoJSON arcs are quantized deltas)."""
    scale_x, scale_y = topology["transform"]["scale"]
    translate_x, translate_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """Join a ring's arcs; a negative index (~i) means arc i reversed."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon, lat):
    lat = max(min(lat, NORTH), SOUTH)
    return (lon + 180.0) * SCALE, (NORTH - lat) * SCALE


def unwrap(points):
    """Keep a ring continuous where it crosses the antimeridian (±180°).

    Without this, a ring that steps from 179° to -179° is drawn as a band
    across the whole map (Russia, Fiji). Longitudes are made continuous, then
    the ring is shifted by 360° so its middle lies on the map; what sticks out
    past the edge is clipped by the SVG viewBox.
    """
    unwrapped = []
    for lon, lat in points:
        if unwrapped:
            previous = unwrapped[-1][0]
            while lon - previous > 180:
                lon -= 360
            while lon - previous < -180:
                lon += 360
        unwrapped.append((lon, lat))
    if unwrapped:
        middle = sum(lon for lon, _lat in unwrapped) / len(unwrapped)
        shift = -360 if middle > 180 else 360 if middle < -180 else 0
        unwrapped = [(lon + shift, lat) for lon, lat in unwrapped]
    return unwrapped


def ring_path(points):
    """An SVG subpath for one ring, simplified by dropping points that barely move."""
    kept = []
    for lon, lat in unwrap(points):
        x, y = project(lon, lat)
        if kept and abs(x - kept[-1][0]) < MIN_STEP and abs(y - kept[-1][1]) < MIN_STEP:
            continue
        kept.append((x, y))
    if len(kept) < 3:
        return ""
    head, *rest = kept
    return f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z"


def geometry_path(geometry, arcs):
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return ""
    return "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)


def build(topology):
    arcs = decode_arcs(topology)
    paths = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(str(geometry.get("id", "")))
        if not code:
            continue  # disputed areas without an ISO code (e.g. Kosovo, Somaliland)
        path = geometry_path(geometry, arcs)
        if path:
            paths[code] = paths.get(code, "") + path
    return {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "countries": dict(sorted(paths.items()))}


class Command(BaseCommand):
    help = "Build partners/data/world_paths.json from Natural Earth TopoJSON (world-atlas countries-110m.json)."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="Path to countries-110m.json from the world-atlas npm package.")
        parser.add_argument("--output", default=str(OUTPUT))

    def handle(self, *args, topojson, output, **options):
        try:
            topology = json.loads(Path(topojson).read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {topojson}: {error}") from error
        data = build(topology)
        Path(output).write_text(json.dumps(data, separators=(",", ":")))
        size = Path(output).stat().st_size
        self.stdout.write(f"{len(data['countries'])} countries written to {output} ({size // 1024} KB)")
