// Delete every policykg node and relationship, in batches (tests and `policykg init-db --reset`).
MATCH (n:Entity)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
