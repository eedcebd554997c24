// Merge one batch of nodes, of any labels: row.label is a schema.labels.Label value (the
// rows are built by graph.neo4j_store from records that graph.base.stage_patch merged with
// the stored ones). One statement per batch, not one per label: a patch of a few hundred
// rows spread over every label would otherwise cost a round trip per label.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label),
    n += row.flat,
    n.label = row.label,
    n.name = row.name,
    n.aliases = row.aliases,
    n.alias_text = row.alias_text,
    n.name_key = row.name_key,
    n.search_text = row.search_text,
    n.properties = row.properties,
    n.evidence = row.evidence
