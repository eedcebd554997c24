// The stored records of the given node ids (missing ids are simply absent).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases,
       n.properties AS properties, n.evidence AS evidence
