// Nodes whose name key or an alias key equals $key (text index on search_text), as one row,
// a list `rows`; nodes written before name_key was stored come too, for the caller to check
// (graph.neo4j_store.Neo4jGraphStore.find). $label may be null.
MATCH (n:Entity)
WHERE n.search_text CONTAINS $key AND ($label IS NULL OR n.label = $label)
  AND (n.name_key IS NULL OR $key IN split(n.search_text, '\n'))
RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                properties: n.properties, evidence: n.evidence}) AS rows
