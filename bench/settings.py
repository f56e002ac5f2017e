"""Production settings plus one bare view: the throughput ceiling of the same stack."""

from oia_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
