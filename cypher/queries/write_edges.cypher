// Merge one batch of relationships of one type. $type comes from schema.labels.RelType only.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:$($type)]->(b)
SET r += row.flat,
    r.properties = row.properties,
    r.evidence = row.evidence
