"""Imported by the fork server that forks a child per file (services/sandbox.py): the pipeline is
imported and its per-process caches filled there once, so that every child starts with them."""

from chitieu.services.ingest import warm_up

warm_up()
