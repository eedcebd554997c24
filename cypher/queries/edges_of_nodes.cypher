// Relationships of the given types with at least one end among $ids ($direction: out, in,
// both), each once, as one row: a list `rows` of maps.
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
USING INDEX SEEK n:Entity(id)
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE $direction IN ['out', 'both'] AND ($types IS NULL OR type(r) IN $types)
  RETURN r, n AS a, m AS b
  UNION
  MATCH (n)<-[r]-(m:Entity)
  WHERE $direction IN ['in', 'both'] AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m AS a, n AS b
}
WITH DISTINCT r, a, b
RETURN collect({type: type(r), source: a.id, target: b.id,
                properties: r.properties, evidence: r.evidence}) AS rows
