// Relationships of the given types with at least one end among $ids ($direction: out, in, both).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE $direction IN ['out', 'both'] AND ($types IS NULL OR type(r) IN $types)
  RETURN r, n AS a, m AS b
  UNION
  MATCH (n)<-[r]-(m:Entity)
  WHERE $direction IN ['in', 'both'] AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m AS a, n AS b
}
RETURN DISTINCT type(r) AS type, a.id AS source, b.id AS target,
       r.properties AS properties, r.evidence AS evidence
