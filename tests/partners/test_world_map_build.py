from partners.management.commands.build_world_map import ring_path, unwrap


def test_ring_crossing_the_antimeridian_stays_continuous():
    ring = [(178.0, 65.0), (-179.0, 66.0), (-177.0, 64.0), (179.0, 63.0)]
    longitudes = [lon for lon, _lat in unwrap(ring)]
    steps = [abs(b - a) for a, b in zip(longitudes, longitudes[1:], strict=False)]
    assert max(steps) < 10


def test_ring_that_does_not_cross_is_left_as_it_is():
    ring = [(120.0, 23.0), (121.5, 25.0), (122.0, 22.0)]
    assert unwrap(ring) == ring


def test_crossing_ring_is_never_drawn_as_a_band_across_the_map():
    path = ring_path([(170.0, 65.0), (-170.0, 66.0), (-170.0, 60.0), (170.0, 60.0)])
    xs = [float(part.split()[0]) for part in path.replace("M", "L").split("L")[1:]]
    assert max(xs) - min(xs) < 100  # 20 degrees wide, not the whole map
