package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged runnable jar, run as a deployment runs it: {@code java -jar target/vendor-b-http-runnable.jar} in a
 * process of its own, configured only by environment variables, against a real PostgreSQL server and the WireMock
 * mappings the local run uses.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "vendor-b-http-runnable.jar");
    private static final String CURRENT = "current-secret-0123456789abcdefghijklmnop";
    private static final String NEXT = "next-secret-0123456789abcdefghijklmnopqrstu";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WireMockServer directory;
    private Process process;

    @BeforeEach
    void startDirectory() {
        directory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory("src/test/resources/wiremock"));
        directory.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        directory.stop();
    }

    @Test
    void servesTheApiOnThePortFromTheEnvironmentAndKeepsTicketsAcrossARestartOfTheProcess() throws Exception {
        int port = freePort();
        Map<String, String> environment = Map.of("MICRONAUT_SERVER_PORT", Integer.toString(port),
                "CUSTOMER_DIRECTORY_URL", directory.baseUrl());
        process = launch(environment);
        awaitHealthy(port);

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.event("create-ticket.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"customerTier\":\"gold\""), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();

        process.destroy();
        assertEquals(143, process.waitFor(), "a graceful stop on SIGTERM, as ECS stops a task");
        process = launch(environment);
        awaitHealthy(port);
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, read.statusCode(), read.body());
        assertEquals(created.body(), read.body());
    }

    @Test
    void takesTheOriginSecretsFromTheEnvironmentInTheDeployedEnvironment() throws Exception {
        int port = freePort();
        process = launch(Map.of("MICRONAUT_SERVER_PORT", Integer.toString(port),
                "CUSTOMER_DIRECTORY_URL", directory.baseUrl(),
                "MICRONAUT_ENVIRONMENTS", "deployed",
                "ORIGIN_VERIFY_SECRETS", CURRENT + "," + NEXT));
        awaitHealthy(port);
        URI ticket = URI.create("http://127.0.0.1:" + port + "/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f");

        assertEquals(403, status(HttpRequest.newBuilder(ticket).build()));
        assertEquals(404, status(HttpRequest.newBuilder(ticket).header("X-Origin-Verify", CURRENT).build()));
        assertEquals(404, status(HttpRequest.newBuilder(ticket).header("X-Origin-Verify", NEXT).build()));
    }

    private Process launch(Map<String, String> environment) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run the package phase first");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "runnable-jar-it.log").toFile()));
        builder.environment().remove("MICRONAUT_ENVIRONMENTS");
        builder.environment().remove("ORIGIN_VERIFY_SECRETS");
        // The database the way a deployment passes it: Micronaut's environment variables for datasources.default.
        builder.environment().put("DATASOURCES_DEFAULT_URL", TestDatabase.shared().database("runnable_jar_it"));
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", "");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitHealthy(int port) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // a bound, not a target: see the benchmark
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the jar exited with " + (process.isAlive() ? "" : process.exitValue())
                    + "; see target/runnable-jar-it.log");
            try {
                if (status(health) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not healthy within 90 s; see target/runnable-jar-it.log");
    }

    private int status(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
