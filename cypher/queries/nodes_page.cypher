// One page of every node (of $label; null = all): at most $limit in id order after $after
// ('' = from the start), as one row, a list `rows` of whole records. The id index gives the
// order; a page is one record, not one per node (the driver's cost is per record).
// `USING INDEX SEEK`: a seek by hint, not left to statistics (an index sampled while the
// store was empty once let the planner scan the whole id index for each key).
MATCH (n:Entity)
USING INDEX SEEK n:Entity(id)
WHERE n.id > $after AND ($label IS NULL OR n.label = $label)
WITH n ORDER BY n.id LIMIT $limit
RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                properties: n.properties, evidence: n.evidence}) AS rows
