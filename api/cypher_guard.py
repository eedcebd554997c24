"""What `POST /query/cypher` lets through: read-only Cypher, checked before it is sent.

Two walls: this check (a clear 400 with the reason) and the server's own, since the query
runs in a read transaction that Neo4j refuses to write in. The check removes comments,
string literals and back-quoted names first, so a write keyword hidden in them neither
passes nor causes a false alarm, then rejects write clauses, schema and admin commands,
`LOAD CSV`, and every procedure call except a short read-only allow-list.
"""
from __future__ import annotations

import re

from schema.errors import QueryRejectedError as CypherRejected


_STRIP = re.compile(r"""
    //[^\n]*                     # line comment
  | /\*.*?(?:\*/|\Z)             # block comment (unterminated: to the end)
  | '(?:\\.|[^'\\])*(?:'|\Z)     # single-quoted string
  | "(?:\\.|[^"\\])*(?:"|\Z)     # double-quoted string
  | `(?:``|[^`])*(?:`|\Z)        # back-quoted name
""", re.S | re.X)

#: Clauses and commands that change data, schema or the server.
_WRITE = re.compile(r"(?<![.\w$])(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|"
                    r"GRANT|DENY|REVOKE|START|STOP|TERMINATE|RENAME|ENABLE|DEALLOCATE|"
                    r"REALLOCATE|FINISH\s+TRANSACTIONS|IN\s+TRANSACTIONS|USE)\b", re.I)
_CALL = re.compile(r"\bCALL\s*(\{|\(|[A-Za-z_][\w.]*)", re.I)

#: Procedures an analyst may call: read-only catalogue and search procedures.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
})


def check_read_only(query: str) -> None:
    """Raise `CypherRejected` naming the first thing that is not read-only."""
    code = _STRIP.sub(" ", query)
    m = _WRITE.search(code)
    if m:
        word = " ".join(m.group(1).split()).upper()
        raise CypherRejected(f"read-only endpoint: {word} is not allowed "
                             "(write clauses, schema, admin commands and LOAD CSV are refused)")
    for call in _CALL.finditer(code):
        target = call.group(1)
        if target in ("{", "("):  # a subquery: its body was checked by the scan above
            continue
        if target.lower() not in ALLOWED_PROCEDURES:
            raise CypherRejected(f"read-only endpoint: CALL {target} is not allowed; allowed "
                                 f"procedures: {', '.join(sorted(ALLOWED_PROCEDURES))}")
