// The stored relationships with the given keys ({type, source, target}); missing ones are absent.
UNWIND $keys AS k
MATCH (a:Entity {id: k.source})-[r]->(b:Entity {id: k.target})
WHERE type(r) = k.type
RETURN type(r) AS type, a.id AS source, b.id AS target,
       r.properties AS properties, r.evidence AS evidence
