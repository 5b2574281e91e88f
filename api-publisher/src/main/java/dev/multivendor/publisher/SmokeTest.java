package dev.multivendor.publisher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Calls the stage after a deployment until it answers the expected status, a few times, because a new
 * deployment takes a moment to reach every gateway node.
 */
public final class SmokeTest {

    /** What the last attempt saw. */
    public record Result(boolean passed, int attempts, String detail) {
    }

    private final HttpClient http;
    private final Time time;
    private final Consumer<String> log;

    public SmokeTest(HttpClient http, Time time, Consumer<String> log) {
        this.http = http;
        this.time = time;
        this.log = log;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Result run(URI url, int expectedStatus, int attempts, Duration interval, String requestId) {
        String detail = "not called";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(30))
                    .header("X-Request-Id", requestId + "-" + attempt).build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == expectedStatus) {
                    return new Result(true, attempt, "GET " + url + " answered " + response.statusCode());
                }
                detail = "GET " + url + " answered " + response.statusCode() + ", expected " + expectedStatus;
            } catch (IOException e) {
                detail = "GET " + url + " got no response (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, attempt, "interrupted");
            }
            if (attempt < attempts) {
                log.accept("  smoke test attempt " + attempt + "/" + attempts + ": " + detail + "; again in "
                        + interval.toMillis() + " ms");
                try {
                    time.sleep(interval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(false, attempt, "interrupted");
                }
            }
        }
        return new Result(false, attempts, detail);
    }
}
