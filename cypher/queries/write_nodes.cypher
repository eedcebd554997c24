// Merge one batch of nodes of one label. $label comes from schema.labels.Label only;
// each row is a record computed by graph.base.stage_patch (already merged with the stored one).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$($label),
    n += row.flat,
    n.label = $label,
    n.name = row.name,
    n.aliases = row.aliases,
    n.alias_text = row.alias_text,
    n.search_text = row.search_text,
    n.properties = row.properties,
    n.evidence = row.evidence
