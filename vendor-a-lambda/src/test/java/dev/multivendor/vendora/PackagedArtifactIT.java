package dev.multivendor.vendora;

import dev.multivendor.vendora.api.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded Lambda artifact itself (target/*-aws.jar), in fresh JVMs: proves the classes the shade filters
 * dropped are not needed, with DynamoDB Local as the table, and runs the README's two local commands.
 */
class PackagedArtifactIT {

    private static final Path EVENTS = Path.of("src/test/resources/events");
    private static DynamoDbLocal dynamoDb;
    private static Path artifact;

    @BeforeAll
    static void findTheArtifactAndStartDynamoDbLocal() throws Exception {
        artifact = Path.of(System.getProperty("vendora.artifact", "target/vendor-a-lambda-1.0.0-SNAPSHOT-aws.jar"));
        assertTrue(Files.isRegularFile(artifact), artifact + " is built by the package phase");
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createFeedbackTable("feedback-packaged-it");
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        dynamoDb.close();
    }

    @Test
    void theArtifactServesEveryOperationFromDynamoDbWithoutErrors() throws Exception {
        ProcessBuilder process = new ProcessBuilder(java(), "-cp", artifact.toString(),
                "dev.multivendor.vendora.local.InvokeEvents",
                EVENTS.resolve("create-feedback.json").toString(),
                EVENTS.resolve("list-feedback.json").toString(),
                EVENTS.resolve("get-feedback-unknown.json").toString(),
                EVENTS.resolve("create-feedback-invalid.json").toString());
        process.environment().put("FEEDBACK_TABLE", "feedback-packaged-it");
        process.environment().put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        process.environment().put("AWS_REGION", DynamoDbLocal.REGION);
        process.environment().put("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY);
        process.environment().put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY);
        process.redirectErrorStream(true);

        Run run = run(process);

        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains("Feedback store: DynamoDB table feedback-packaged-it"), run.output);
        List<String> statuses = new ArrayList<>();
        for (String line : run.output.split("\n")) {
            if (line.startsWith("{") && line.contains("\"statusCode\":")) {
                statuses.add(Json.MAPPER.readTree(line).get("statusCode").asString());
            }
        }
        assertEquals(List.of("201", "200", "404", "400"), statuses, run.output);
        // The proxy response's body is a JSON string inside JSON, hence the escaped quotes.
        assertTrue(run.output.contains("\\\"items\\\":[{"), "the list shows the created item: " + run.output);
        assertFalse(run.output.contains("Exception"), run.output);
    }

    @Test
    void theArtifactsMainClassServesTheApiOnLoopbackForCurl() throws Exception {
        Process server = new ProcessBuilder(java(), "-jar", artifact.toString(), "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = readServerUrl(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/feedback"))
                    .header("Content-Type", "application/json")
                    .header("X-Request-Id", "curl-1")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of("src/test/resources/payloads/new-feedback.json"))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url
                    + created.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(201, created.statusCode(), created.body());
            assertEquals("curl-1", created.headers().firstValue("X-Request-Id").orElseThrow());
            assertEquals(200, read.statusCode(), read.body());
            assertEquals(created.body(), read.body());
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String readServerUrl(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int at = line.indexOf("http://127.0.0.1:");
            if (line.startsWith("Feedback API on") && at >= 0) {
                return line.substring(at, line.indexOf(' ', at));
            }
        }
        throw new AssertionError("the server ended without printing its URL");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(ProcessBuilder process) throws Exception {
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(60, TimeUnit.SECONDS), "finished within a minute");
        return new Run(started.exitValue(), output);
    }
}
