"""Settings, built explicitly (nothing at import time): the database URL and where data lives."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chitieu"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str

    @classmethod
    def load(cls, database_url: str | None = None) -> Settings:
        """`--db` wins, then CHITIEU_DATABASE_URL, then SQLite in the user's data directory."""
        url = database_url or os.environ.get("CHITIEU_DATABASE_URL")
        if not url:
            folder = data_dir()
            folder.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{folder / 'chitieu.sqlite3'}"
        return cls(database_url=url)


def secret_key() -> str:
    """Signs the web sessions: CHITIEU_SECRET_KEY, else one made once and kept in the data directory
    (so that sessions survive a restart)."""
    key = os.environ.get("CHITIEU_SECRET_KEY")
    if key:
        return key
    path = data_dir() / "secret_key"
    try:
        return path.read_text().strip()
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        path.write_text(key)
        path.chmod(0o600)
        return key
