// Candidate nodes whose name key or an alias key contains $key (text index on search_text),
// as one row: a list `rows` of maps; the caller ranks them with graph.base.search_rank.
// $label may be null.
MATCH (n:Entity)
WHERE n.search_text CONTAINS $key AND ($label IS NULL OR n.label = $label)
RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                properties: n.properties, evidence: n.evidence}) AS rows
