"""What pages show, computed once per data version: every change of stored data bumps the version in its
own transaction (store/database.py), so a cached answer is never stale, whichever process changed the
data. A few hundred answers are kept per database and kind, the least recently used dropped."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from chitieu.store.database import Database, Engine, Session, data_version

T = TypeVar("T")
SIZE = 512

_entries: WeakKeyDictionary[Engine, OrderedDict[tuple[Hashable, ...], Any]] = WeakKeyDictionary()
_lock = threading.Lock()


def cached(db: Database, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`'s answer for `key` at the database's current data version."""
    with db.transaction() as session:
        full = (data_version(session), *key)
    with _lock:
        entries = _entries.setdefault(db.engine, OrderedDict())
        if full in entries:
            entries.move_to_end(full)
            found: T = entries[full]
            return found
    value = compute()
    with _lock:
        entries[full] = value
        while len(entries) > SIZE:
            entries.popitem(last=False)
    return value


@dataclass
class WhileUnchanged:
    """Whether what one writer keeps in memory of stored data between its transactions still holds:
    while the data version is the one its own last commit made (nobody else wrote since)."""

    version: int | None = None
    _after_commit: int | None = None
    _now: int | None = None

    def begin(self, session: Session) -> bool:
        """At the start of the writer's next transaction (holding the writers' lock): whether what it
        kept still holds. Until `committed` or `unchanged`, it is taken not to."""
        if "data_version" not in session.info:  # read once a transaction, whoever keeps what
            session.info["data_version"] = data_version(session)
        now = int(session.info["data_version"])
        holds = now == self.version
        self.version, self._now, self._after_commit = None, now, now + 1
        return holds

    def committed(self) -> None:
        """The transaction committed a change (the version went up by one)."""
        self.version = self._after_commit

    def unchanged(self) -> None:
        """The transaction wrote nothing (rolled back, or read only)."""
        self.version = self._now
