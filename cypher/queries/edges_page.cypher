// One page of every relationship (of $type; null = all): the outgoing ones of at most
// $limit source nodes in id order after $after ('' = from the start), as one row: `last`,
// the page's last node id (null when no node is left), and `rows`, one list of whole
// relationship records per node.
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
MATCH (a:Entity)
USING INDEX SEEK a:Entity(id)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
WITH collect(a) AS page
RETURN page[-1].id AS last,
       [a IN page | [(a)-[r]->(b:Entity) WHERE $type IS NULL OR type(r) = $type |
                     {type: type(r), source: a.id, target: b.id,
                      properties: r.properties, evidence: r.evidence}]] AS rows
