// The stored records of the given node ids (missing ids are simply absent), as one row: a
// list `rows` of maps. One record, not one per node: the driver's cost is per record.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases,
                properties: n.properties, evidence: n.evidence}) AS rows
