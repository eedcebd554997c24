"""The one place that maps settings to a store. Backends never read settings or the
environment; this module hands each what it needs (a path, later a driver)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph.base import GraphStore
from schema.errors import ConfigError

if TYPE_CHECKING:
    from api.settings import Settings

logger = logging.getLogger(__name__)


def _open_memory(settings: Settings) -> GraphStore:
    from graph.memory import MemoryGraphStore

    return MemoryGraphStore(settings.data_dir / "graph.json")


def _open_neo4j(settings: Settings) -> GraphStore:
    from graph.neo4j_store import Neo4jGraphStore

    return Neo4jGraphStore.connect(settings.neo4j_uri, settings.neo4j_user,
                                   settings.neo4j_password, settings.neo4j_database)


#: Backend name (`Settings.store`) -> opener. A constant table, not a registry.
OPENERS: dict[str, Callable[[Settings], GraphStore]] = {
    "memory": _open_memory,
    "neo4j": _open_neo4j,
}


def open_store(settings: Settings) -> GraphStore:
    """The store `settings.store` names, opened on `settings`' data. Raises `ConfigError`
    for an unknown or unavailable backend, `StoreError` if the store cannot be opened."""
    try:
        opener = OPENERS[settings.store]
    except KeyError:
        raise ConfigError(f"unknown store {settings.store!r}; expected one of "
                          f"{', '.join(sorted(OPENERS))}") from None
    store = opener(settings)
    logger.debug("opened %r", store)
    return store
