"""Imported by the fork server that forks a child per file (services/sandbox.py): the pipeline is
imported and its per-process caches filled there once, so that every child starts with them (built
in each child, they cost a third of a report's time)."""

from chitieu.services import ingest  # noqa: F401  (what the children run)
from chitieu.services.extraction import warm_up

warm_up()
