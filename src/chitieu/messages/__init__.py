"""Every text a user sees, by key. Pure layers return keys and parameters; shells render them here."""

from __future__ import annotations

from chitieu.messages.vi import MESSAGES


def render(key: str, **params: object) -> str:
    template = MESSAGES.get(key)
    if template is None:
        return key
    # a parameter named 'x_key' holds the key of another message, rendered as parameter 'x'
    for name, value in list(params.items()):
        if name.endswith("_key") and isinstance(value, str):
            params[name[:-4]] = MESSAGES.get(value, value)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


__all__ = ["MESSAGES", "render"]
