// One page of every node (of $label; null = all): at most $limit in id order after $after
// ('' = from the start), as one row, a list `rows` of whole records. The id index gives the
// order; a page is one record, not one per node (the driver's cost is per record).
MATCH (n:Entity)
WHERE n.id > $after AND ($label IS NULL OR n.label = $label)
WITH n ORDER BY n.id LIMIT $limit
RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                properties: n.properties, evidence: n.evidence}) AS rows
