// Ranked full-text search over names and aliases (cjk bigram analyzer); $query is a Lucene
// query string (escape it with graph.neo4j.lucene_phrase), $label may be null.
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit})
YIELD node, score
WHERE $label IS NULL OR node.label = $label
RETURN node.id AS id, node.label AS label, node.name AS name, score
ORDER BY score DESC, id
