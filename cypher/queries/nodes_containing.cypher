// Candidate nodes whose name key or an alias key contains $key (text index on search_text);
// the caller ranks them with graph.base.search_rank. $label may be null.
MATCH (n:Entity)
WHERE n.search_text CONTAINS $key AND ($label IS NULL OR n.label = $label)
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases,
       n.properties AS properties, n.evidence AS evidence
