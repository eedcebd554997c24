"""Named, parameterised Cypher: every query policykg sends to Neo4j is a file in
`cypher/queries/` (`name.cypher`), loaded by name. No Cypher is built from strings anywhere:
values travel as parameters, and labels / relationship types (which Cypher cannot take as
ordinary parameters) travel as `$(...)` dynamic-label parameters whose values come only
from `schema.labels`.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

_NAME = re.compile(r"[a-z][a-z0-9_]*")


@cache
def names() -> tuple[str, ...]:
    """Every named query, sorted."""
    root = resources.files(__name__) / "queries"
    return tuple(sorted(p.name[: -len(".cypher")] for p in root.iterdir()
                        if p.name.endswith(".cypher")))


@cache
def query(name: str) -> str:
    """The text of the named query `name` (comments kept; Neo4j ignores them)."""
    if not _NAME.fullmatch(name) or name not in names():
        raise KeyError(f"no named Cypher query {name!r}")
    return (resources.files(__name__) / "queries" / f"{name}.cypher").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (split at `;` ending a line), comment lines
    dropped."""
    body = "\n".join(line for line in query(name).splitlines()
                     if not line.lstrip().startswith("//"))
    return [s.strip() for s in re.split(r";\s*$", body, flags=re.M) if s.strip()]
