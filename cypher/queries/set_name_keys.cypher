// Store `name_key` ({id, name_key} rows) on nodes written before it existed.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
USING INDEX SEEK n:Entity(id)
SET n.name_key = row.name_key
