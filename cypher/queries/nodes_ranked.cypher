// Name search: the first $limit nodes whose name key or an alias key contains $key (text
// index on search_text), in graph.base.search_rank's order — exact name, exact alias, name
// prefix, other substring; then name length, name, id (Cypher's string length and order are
// by code point, as Python's) — as one row, a list `rows`. $label may be null.
// A node written before name_key was stored has none: every such hit comes too (after the
// first $limit), for the caller to rank (graph.neo4j_store.Neo4jGraphStore.search).
MATCH (n:Entity)
WHERE n.search_text CONTAINS $key AND ($label IS NULL OR n.label = $label)
WITH n, CASE WHEN n.name_key IS NULL THEN null
             WHEN n.name_key = $key THEN 0
             WHEN $key IN split(n.search_text, '\n') THEN 1
             WHEN n.name_key STARTS WITH $key THEN 2
             ELSE 3 END AS rank
ORDER BY rank, size(n.name), n.name, n.id
WITH collect(CASE WHEN rank IS NOT NULL THEN n END)[..$limit]
     + collect(CASE WHEN rank IS NULL THEN n END) AS hits
RETURN [n IN hits | {id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                     properties: n.properties, evidence: n.evidence}] AS rows
