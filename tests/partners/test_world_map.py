import json

import pytest
from django.core.management import call_command

from partners.management.commands.build_world_map import build, decode_arcs
from partners.world_map import COUNTRY_PATHS, shade_bins, shade_for

# A tiny TopoJSON: one square "country" (Japan, 392) and one without an ISO id.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [[[130, 30], [10, 0], [0, 10], [-10, 0], [0, -10]], [[0, 0], [1, 0], [0, 1], [-1, 0]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "392"},
                {"type": "Polygon", "arcs": [[1]], "id": "-99"},
            ],
        }
    },
}


def test_arcs_are_decoded_from_deltas():
    assert decode_arcs(TOPOLOGY)[0][:3] == [(130, 30), (140, 30), (140, 40)]


def test_build_keys_countries_by_alpha2_and_skips_unknown_ids():
    data = build(TOPOLOGY)
    assert list(data["countries"]) == ["JP"]
    assert data["countries"]["JP"].startswith("M") and data["countries"]["JP"].endswith("Z")


def test_command_writes_the_json_file(tmp_path):
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(TOPOLOGY))
    output = tmp_path / "paths.json"
    call_command("build_world_map", str(source), output=str(output))
    assert "JP" in json.loads(output.read_text())["countries"]


def test_committed_shapes_cover_every_demo_country():
    from partners.demo import PARTNER_COUNTRIES

    assert set(PARTNER_COUNTRIES) <= set(COUNTRY_PATHS)


@pytest.mark.parametrize(("count", "maximum", "shade"), [(1, 20, 0), (20, 20, 4), (2, 2, 4), (1, 2, 3)])
def test_larger_counts_get_darker_shades(count, maximum, shade):
    from partners.world_map import SHADES

    assert shade_for(count, shade_bins(maximum)) == SHADES[shade]
