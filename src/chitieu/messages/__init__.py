"""Every text a user sees, by key. Pure layers return keys and parameters; shells render them here."""

from __future__ import annotations

from chitieu.messages.vi import MESSAGES


def render(key: str, **params: object) -> str:
    template = MESSAGES.get(key)
    if template is None:
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


__all__ = ["MESSAGES", "render"]
