// Up to $limit nodes written before `name_key` was stored, as one row: a list `rows` of
// {id, name} (graph.neo4j_store adds the key on connect).
MATCH (n:Entity)
WHERE n.name_key IS NULL
WITH n LIMIT $limit
RETURN collect({id: n.id, name: n.name}) AS rows
