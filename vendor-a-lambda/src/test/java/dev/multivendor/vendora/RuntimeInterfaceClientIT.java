package dev.multivendor.vendora;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.multivendor.vendora.api.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged artifact as Lambda's java21 runtime runs it: a separate JVM running the official runtime interface
 * client (aws-lambda-java-runtime-interface-client) with the handler string the infra module configures, polling a
 * Lambda Runtime API (served here on loopback, as the
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Runtime API documentation</a> describes
 * it), with DynamoDB Local as the table.
 */
class RuntimeInterfaceClientIT {

    /** VendorALambdaStack.HANDLER in vendor-a-lambda/infra. */
    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    private static final String TABLE = "feedback-ric-it";

    private static DynamoDbLocal dynamoDb;
    private static RuntimeApi runtimeApi;
    private static Process function;
    private static Path log;

    @BeforeAll
    static void startTheFunctionUnderTheRuntimeInterfaceClient() throws Exception {
        Path artifact = Path.of(System.getProperty("vendora.artifact", "target/vendor-a-lambda-1.0.0-SNAPSHOT-aws.jar"));
        assertTrue(Files.isRegularFile(artifact), artifact + " is built by the package phase");
        // The runtime's side of the class path: the client and its own dependency, aws-lambda-java-serialization
        // (Lambda's runtime brings both; the function's artifact does not need them).
        String runtime = jarOf(AWSLambda.class) + File.pathSeparator + jarOf(PojoSerializer.class);
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createFeedbackTable(TABLE);
        runtimeApi = RuntimeApi.start();
        log = Path.of("target", "runtime-interface-client-it.log"); // the function's output, kept for a failed run
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", artifact + File.pathSeparator + runtime, AWSLambda.class.getName(), HANDLER)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.port());
        env.put("FEEDBACK_TABLE", TABLE);
        env.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        env.put("AWS_REGION", DynamoDbLocal.REGION);
        env.put("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY);
        env.put("MAIN_CLASS", FeedbackApplication.class.getName()); // as the infra module sets it
        function = builder.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (function != null) {
            function.destroy();
            function.waitFor(10, TimeUnit.SECONDS);
        }
        if (runtimeApi != null) {
            runtimeApi.server.stop(0);
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRuntimeInterfaceClientRunsEveryOperationAgainstTheTable() throws Exception {
        Map<String, Object> created = invoke(Lambda.event("create-feedback.json"));
        Map<String, Object> feedback = Json.MAPPER.readValue((String) created.get("body"), Map.class);
        Map<String, Object> get = Lambda.event("get-feedback-unknown.json");
        get.put("path", "/v1/feedback/" + feedback.get("id"));
        Map<String, Object> read = invoke(get);
        Map<String, Object> list = invoke(Lambda.event("list-feedback.json"));
        Map<String, Object> invalid = invoke(Lambda.event("create-feedback-invalid.json"));

        String output = Files.readString(log);
        assertEquals(List.of(201, 200, 200, 400), List.of(created.get("statusCode"), read.get("statusCode"),
                list.get("statusCode"), invalid.get("statusCode")), output);
        assertEquals(feedback, Json.MAPPER.readValue((String) read.get("body"), Map.class));
        assertEquals(List.of(feedback), Json.MAPPER.readValue((String) list.get("body"), Map.class).get("items"));
        assertTrue(output.contains("Feedback store: DynamoDB table " + TABLE), output);
        assertTrue(runtimeApi.errors.isEmpty(), () -> "errors reported to the Runtime API: " + runtimeApi.errors);
    }

    /** One invocation through the Runtime API; fails at once, with the function's output, if the function died. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(Map<String, Object> event) throws Exception {
        CompletableFuture<String> response = runtimeApi.invoke(event);
        for (int waited = 0; waited < 120; waited++) {
            try {
                return Json.MAPPER.readValue(response.get(1, TimeUnit.SECONDS), Map.class);
            } catch (TimeoutException e) {
                if (!function.isAlive()) {
                    throw new AssertionError("the function exited with " + function.exitValue() + ":\n" + Files.readString(log));
                }
            }
        }
        throw new AssertionError("no response within 2 minutes:\n" + Files.readString(log));
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The Lambda Runtime API's invocation endpoints (next, response, error, init error), one invocation at a time. */
    private record RuntimeApi(HttpServer server, BlockingQueue<Invocation> pending,
                              Map<String, CompletableFuture<String>> responses, List<String> errors) {

        private record Invocation(String requestId, byte[] event) {
        }

        static RuntimeApi start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RuntimeApi api = new RuntimeApi(server, new LinkedBlockingQueue<>(), new ConcurrentHashMap<>(),
                    new CopyOnWriteArrayList<>());
            server.createContext("/2018-06-01/runtime/", api::handle);
            server.setExecutor(Executors.newCachedThreadPool()); // "next" blocks until an invocation is queued
            server.start();
            return api;
        }

        int port() {
            return server.getAddress().getPort();
        }

        CompletableFuture<String> invoke(Map<String, Object> event) {
            String requestId = UUID.randomUUID().toString();
            CompletableFuture<String> response = new CompletableFuture<>();
            responses.put(requestId, response);
            pending.add(new Invocation(requestId, Json.MAPPER.writeValueAsBytes(event)));
            return response;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (path.endsWith("/invocation/next")) {
                    Invocation next;
                    try {
                        next = pending.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    // The client requires a Content-Type on "next" (it crashes without one).
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                            Long.toString(System.currentTimeMillis() + 29_000));
                    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:eu-west-1:000000000000:function:vendor-a-feedback-api:live");
                    exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                    exchange.sendResponseHeaders(200, next.event().length);
                    exchange.getResponseBody().write(next.event());
                    return;
                }
                String[] parts = path.split("/");
                if (path.endsWith("/response")) {
                    responses.get(parts[parts.length - 2]).complete(body);
                } else {
                    errors.add(path + " " + body);
                    if (path.contains("/invocation/")) {
                        responses.get(parts[parts.length - 2]).completeExceptionally(new AssertionError(body));
                    }
                }
                exchange.sendResponseHeaders(202, -1);
            }
        }
    }
}
