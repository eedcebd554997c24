// Every relationship, or every relationship of $type (null = all).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $type IS NULL OR type(r) = $type
RETURN type(r) AS type, a.id AS source, b.id AS target,
       r.properties AS properties, r.evidence AS evidence
