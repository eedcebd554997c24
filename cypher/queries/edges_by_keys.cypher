// The stored relationships with the given keys ({type, source, target}), as one row: a list
// `rows` of maps; missing ones are absent.
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
UNWIND $keys AS k
MATCH (a:Entity {id: k.source})-[r]->(b:Entity {id: k.target})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WHERE type(r) = k.type
RETURN collect({type: type(r), source: a.id, target: b.id,
                properties: r.properties, evidence: r.evidence}) AS rows
