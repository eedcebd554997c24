// Relationships of the given types whose both ends are among $ids, as one row: a list `rows`
// of maps. Seeks each id in the index (not a scan of every node).
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
USING INDEX SEEK a:Entity(id)
WHERE b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
RETURN collect({type: type(r), source: a.id, target: b.id,
                properties: r.properties, evidence: r.evidence}) AS rows
