package dev.multivendor.vendorb;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application on a random loopback port, talking to a customer directory at {@code directoryUrl} and to the
 * test JVM's PostgreSQL server ({@link TestDatabase#shared()}, database {@code tickets}) unless the overrides name
 * another, and a plain JDK HTTP client to call it as the gateway would. The client's 10 s timeout is the "never
 * hangs" bound: a test that waits longer fails instead of blocking the build.
 */
final class TestApp implements AutoCloseable {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();

    private TestApp(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** The directory read timeout of every test that does not set its own: room for a loaded machine. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    static TestApp start(String directoryUrl, Map<String, Object> overrides, String... environments) {
        return start(directoryUrl, overrides, List.of(), environments);
    }

    /** As {@link #start(String, Map, String...)}, with beans that replace the application's (e.g. a clock). */
    static TestApp start(String directoryUrl, Map<String, Object> overrides, List<Object> beans,
                         String... environments) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.http.services.customer-directory.url", directoryUrl);
        // A test that needs a short read timeout (the timeout test) sets its own; the others get room.
        properties.put("micronaut.http.services.customer-directory.read-timeout", READ_TIMEOUT.toMillis() + "ms");
        properties.put("micronaut.http.services.customer-directory.connect-timeout", "300ms");
        properties.put("customer-directory.retry-backoff", "10ms");
        if (!overrides.containsKey("datasources.default.url")) {
            properties.putAll(TestDatabase.shared().datasource("tickets"));
        }
        properties.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environments)
                .properties(properties)
                .singletons(beans.toArray())
                .start();
        context.getBean(EmbeddedServer.class).start();
        return new TestApp(context);
    }

    ApplicationContext context() {
        return context;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(CLIENT_TIMEOUT);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> postJson(String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample payload from src/test/resources/events/, the files the README's curl commands use too. */
    static String event(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/events", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
