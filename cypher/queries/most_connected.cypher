// The $limit nodes with the most relationships whose type is not in $excluded (a self-loop
// counts once), as one row: a list `rows` of {id, degree}, most first, ties by id.
MATCH (n:Entity)
WITH n, COUNT { (n)-[r]->() WHERE NOT type(r) IN $excluded }
        + COUNT { (n)<-[r]-(m) WHERE m <> n AND NOT type(r) IN $excluded } AS degree
WHERE degree > 0
WITH n, degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN collect({id: n.id, degree: degree}) AS rows
