// One breadth-first ring: the distinct ids at the other end of a relationship of one of
// $types (either direction) from any node among $ids, as one row (a list `ids`). Ids only:
// no properties or evidence.
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
USING INDEX SEEK n:Entity(id)
MATCH (n)-[r]-(m:Entity)
WHERE type(r) IN $types
RETURN collect(DISTINCT m.id) AS ids
