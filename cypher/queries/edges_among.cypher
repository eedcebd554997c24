// Relationships of the given types whose both ends are among $ids.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
RETURN type(r) AS type, a.id AS source, b.id AS target,
       r.properties AS properties, r.evidence AS evidence
