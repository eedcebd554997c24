// One breadth-first ring: the distinct ids at the other end of a relationship of one of
// $types (either direction) from any node among $ids, as one row (a list `ids`). Ids only:
// no properties or evidence.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
MATCH (n)-[r]-(m:Entity)
WHERE type(r) IN $types
RETURN collect(DISTINCT m.id) AS ids
