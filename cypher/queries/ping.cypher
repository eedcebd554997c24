// Liveness check of the server and database.
RETURN 1 AS ok
