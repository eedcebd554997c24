// The stored relationships with the given keys ({type, source, target}), as one row: a list
// `rows` of maps; missing ones are absent.
UNWIND $keys AS k
MATCH (a:Entity {id: k.source})-[r]->(b:Entity {id: k.target})
WHERE type(r) = k.type
RETURN collect({type: type(r), source: a.id, target: b.id,
                properties: r.properties, evidence: r.evidence}) AS rows
