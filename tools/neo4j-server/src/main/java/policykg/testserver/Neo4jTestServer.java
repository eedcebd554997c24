package policykg.testserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A throwaway Neo4j 5 Community server for policykg's tests: the embedded DBMS with the
 * Bolt connector on 127.0.0.1:PORT, authentication on, all files under DATA_DIR.
 *
 * <p>Usage: {@code Neo4jTestServer PORT DATA_DIR}, password in env NEO4J_TEST_PASSWORD
 * (kept out of the command line, which every user can read in /proc). Prints
 * {@code READY bolt://127.0.0.1:PORT} once the "neo4j" database is available and the
 * password is set; on SIGTERM the shutdown hook stops the DBMS cleanly and deletes DATA_DIR.
 * Started and stopped by scripts/neo4j-test-server.
 */
public final class Neo4jTestServer {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Neo4jTestServer PORT DATA_DIR  (password in env NEO4J_TEST_PASSWORD)");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) { // Neo4j 5 refuses passwords shorter than 8
            System.err.println("NEO4J_TEST_PASSWORD must be set (at least 8 characters)");
            System.exit(2);
        }

        DatabaseManagementService dbms;
        try {
            dbms = buildDbms(home, port);
        } catch (RuntimeException e) { // e.g. port taken: nothing to shut down, just clean up
            deleteTree(home);
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                deleteTree(home);
                System.out.println("STOPPED");
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-test-server-shutdown"));

        // The embedded API runs with full privileges, so it can set the password of the
        // built-in user (initially 'neo4j', change required) on the system database.
        // The port is only announced (READY) after this, so no client sees the default.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));

        if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("database 'neo4j' did not become available");
            System.exit(1); // runs the shutdown hook
        }
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await(); // park the main thread; the JVM exits via SIGTERM/SIGINT
    }

    /** Embedded DBMS with only the Bolt connector, on loopback, auth on, small memory. */
    private static DatabaseManagementService buildDbms(Path home, int port) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Small footprint: a test database is tiny.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports "home"
                // Internal setting: netty waits 5 s of quiet per event loop group on shutdown,
                // ~10 s in all; a test server has nothing to drain.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
    }

    /** Deletes DATA_DIR and everything below it (best effort). */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
