package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * The rehearsal gateway against API Gateway's documented REST API behaviour, with a real moto_server as the
 * control plane (definitions imported with PutRestApi and deployed with CreateDeployment, as the api-publisher
 * does), a real HTTP backend on loopback and a real Lambda handler run by the runtime interface client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RehearsalGatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "origin-secret-0123456789abcdef0123456789";
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:222222222222:function:gateway-echo:live";

    private MotoControlPlane moto;
    private HttpServer backend;
    private final ConcurrentLinkedQueue<Map<String, Object>> backendRequests = new ConcurrentLinkedQueue<>();
    private LambdaRuntime lambdas;
    private RehearsalGateway gateway;
    private final List<RehearsalGateway.AccessLogLine> accessLog = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String httpApi;
    private String lambdaApi;

    @BeforeAll
    void startControlPlaneBackendAndGateway() throws Exception {
        moto = MotoControlPlane.startOrSkip(Path.of("target", "rehearsal-gateway-it", "moto.log"));
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                backendRequests.add(Map.of(
                        "method", exchange.getRequestMethod(),
                        "uri", exchange.getRequestURI().toString(),
                        "originVerify", String.valueOf(exchange.getRequestHeaders().getFirst("X-Origin-Verify")),
                        "custom", String.valueOf(exchange.getRequestHeaders().getFirst("X-Custom")),
                        "body", new String(body, StandardCharsets.UTF_8)));
                byte[] answer = ("{\"backend\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Backend", "yes");
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        backend.start();

        httpApi = moto.createApi("gateway-test-http");
        moto.importDefinition(httpApi, definition("http-proxy-api.json"));
        moto.deploy(httpApi, "dev", "release 1");

        lambdaApi = moto.createApi("gateway-test-lambda");
        moto.importDefinition(lambdaApi, definition("lambda-proxy-api.json"));
        moto.deploy(lambdaApi, "dev", "release 1");

        lambdas = new LambdaRuntime(Path.of("target", "rehearsal-gateway-it", "lambda"), System.out::println);
        // The test classes directory is the function's deployment package: EchoEventHandler lives there.
        Path testClasses = Path.of(EchoEventHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        lambdas.register(new LambdaFunction(FUNCTION_ARN, testClasses,
                EchoEventHandler.class.getName() + "::handleRequest", Map.of(), Set.of(lambdaApi)));
        gateway = RehearsalGateway.start(moto.reader(), lambdas, new RehearsalGateway.Config(MotoControlPlane.ACCOUNT, 0,
                Duration.ofMillis(200), System.out::println, accessLog::add));
    }

    @AfterAll
    void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        if (lambdas != null) {
            lambdas.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
        if (moto != null) {
            moto.close();
        }
    }

    /**
     * A path no resource of the deployed API matches, and a method the matched resource does not have, get API
     * Gateway's own answer, not the backend's: 403 {@code {"message":"Missing Authentication Token"}} ("How do I
     * troubleshoot 403 Missing Authentication Token errors", https://repost.aws/knowledge-center/api-gateway-authentication-token-errors:
     * "An API request was made to a method or resource that does not exist"; gateway response type
     * MISSING_AUTHENTICATION_TOKEN, 403, https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
     */
    @Test
    void refusesARouteTheDeployedDefinitionDoesNotHaveWithMissingAuthenticationToken() throws Exception {
        int before = backendRequests.size();
        HttpResponse<String> unknownPath = send("GET", httpApi, "/v1/unknown/route", null, Map.of());
        HttpResponse<String> unknownMethod = send("DELETE", httpApi, "/v1/tickets/42", null, Map.of());

        for (HttpResponse<String> response : List.of(unknownPath, unknownMethod)) {
            assertEquals(403, response.statusCode());
            assertEquals("Missing Authentication Token", JSON.readTree(response.body()).path("message").asText());
            assertEquals("MissingAuthenticationTokenException", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        }
        assertEquals(before, backendRequests.size(), "the backend must not see a request the API has no route for");
    }

    /**
     * HTTP proxy integration: the method, path (with the mapped path parameter), query, headers and body go to the
     * integration URI, the integration request parameters add the static {@code X-Origin-Verify} header, and the
     * backend's status, headers and body come back as they are ("Set up HTTP proxy integrations in API Gateway",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html; static values in
     * single quotes: "Parameter mapping for REST APIs",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping.html and
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration-requestParameters.html).
     */
    @Test
    void forwardsAnHttpProxyRequestWithTheStaticOriginHeaderAndReturnsTheBackendAnswerAsItIs() throws Exception {
        backendRequests.clear();
        HttpResponse<String> get = send("GET", httpApi, "/v1/tickets/t%2042?expand=a&expand=b", null, Map.of("X-Custom", "c1"));
        HttpResponse<String> post = send("POST", httpApi, "/v1/tickets", "{\"subject\":\"s\"}", Map.of("Content-Type", "application/json"));

        assertEquals(200, get.statusCode());
        assertEquals("{\"backend\":\"/v1/tickets/t 42\"}", get.body());
        assertEquals("yes", get.headers().firstValue("X-Backend").orElse(""));
        assertEquals(201, post.statusCode());
        List<Map<String, Object>> seen = new ArrayList<>(backendRequests);
        assertEquals(2, seen.size());
        assertEquals("GET", seen.get(0).get("method"));
        assertEquals("/v1/tickets/t%2042?expand=a&expand=b", seen.get(0).get("uri"));
        assertEquals(SECRET, seen.get(0).get("originVerify"));
        assertEquals("c1", seen.get(0).get("custom"));
        assertEquals("POST", seen.get(1).get("method"));
        assertEquals("{\"subject\":\"s\"}", seen.get(1).get("body"));
        assertEquals(SECRET, seen.get(1).get("originVerify"));
    }

    /**
     * A client cannot override the integration's static header: the mapped value replaces what the client sent
     * (a mapped integration request header takes the mapping's value; "Parameter mapping for REST APIs",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-parameter-mapping.html).
     */
    @Test
    void replacesAClientSuppliedOriginHeaderWithTheDeployedValue() throws Exception {
        backendRequests.clear();
        send("GET", httpApi, "/v1/tickets/1", null, Map.of("X-Origin-Verify", "forged"));
        assertEquals(SECRET, backendRequests.peek().get("originVerify"));
    }

    /**
     * Mock integration: the request template's statusCode selects the integration response, whose status, static
     * header and body template are the answer ("Mock integrations for REST APIs in API Gateway",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html).
     */
    @Test
    void answersAMockIntegrationWithItsConfiguredIntegrationResponse() throws Exception {
        HttpResponse<String> response = send("GET", httpApi, "/", null, Map.of());

        assertEquals(503, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Not released yet", JSON.readTree(response.body()).path("title").asText());
    }

    /**
     * Features the gateway does not implement answer 501 naming the feature instead of passing through: here a
     * non-proxy HTTP integration with a mapping template, and a method with IAM authorization.
     */
    @Test
    void answers501NamingTheFeatureForANonProxyIntegrationAndForAuthorization() throws Exception {
        HttpResponse<String> legacy = send("GET", httpApi, "/v1/legacy", null, Map.of());
        assertEquals(501, legacy.statusCode());
        assertTrue(JSON.readTree(legacy.body()).path("message").asText().contains("non-proxy HTTP integration (mapping templates)"),
                legacy.body());

        String api = moto.createApi("gateway-test-authorizer");
        moto.importDefinition(api, definition("http-proxy-api.json"));
        String resource = moto.client.getResources(r -> r.restApiId(api)).items().stream()
                .filter(r -> "/v1/tickets".equals(r.path())).findFirst().orElseThrow().id();
        // moto 5.2.1 does not implement UpdateMethod: the method is put again with IAM authorization.
        moto.client.putMethod(r -> r.restApiId(api).resourceId(resource).httpMethod("POST").authorizationType("AWS_IAM"));
        moto.client.putIntegration(r -> r.restApiId(api).resourceId(resource).httpMethod("POST")
                .type(IntegrationType.HTTP_PROXY).integrationHttpMethod("POST")
                .uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/v1/tickets"));
        moto.deploy(api, "dev", "release with IAM authorization");
        gateway.refresh();

        HttpResponse<String> iam = send("POST", api, "/v1/tickets", "{}", Map.of("Content-Type", "application/json"));
        assertEquals(501, iam.statusCode(), iam.body());
        assertTrue(iam.body().contains("method authorization AWS_IAM"), iam.body());
    }

    /**
     * A definition imported but not deployed is not served: the stage keeps serving its deployment until the next
     * CreateDeployment ("Deploy REST APIs in API Gateway": changes take effect once the API is deployed,
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-deploy-api.html).
     */
    @Test
    void servesANewDefinitionOnlyAfterItIsDeployed() throws Exception {
        String api = moto.createApi("gateway-test-deploy");
        moto.importDefinition(api, definition("http-proxy-api.json"));
        moto.deploy(api, "dev", "release 1");
        gateway.refresh();
        assertEquals(200, send("GET", api, "/v1/tickets/1", null, Map.of()).statusCode());

        String withoutTickets = definition("http-proxy-api.json").replace("\"/v1/tickets/{ticketId}\"", "\"/v2/tickets/{ticketId}\"");
        moto.importDefinition(api, withoutTickets);
        gateway.refresh();
        assertEquals(200, send("GET", api, "/v1/tickets/1", null, Map.of()).statusCode(),
                "imported but not deployed: the stage still serves release 1");

        moto.deploy(api, "dev", "release 2");
        gateway.refresh();
        assertEquals(403, send("GET", api, "/v1/tickets/1", null, Map.of()).statusCode());
        assertEquals(200, send("GET", api, "/v2/tickets/1", null, Map.of()).statusCode());
    }

    /**
     * Stage method throttling: a token bucket per method with the stage's rate and burst; beyond it API Gateway
     * answers 429 {@code {"message":"Too Many Requests"}} ("Throttle requests to your REST APIs",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html; gateway
     * response THROTTLED, 429).
     */
    @Test
    void throttlesAMethodBeyondTheStageBurstWith429TooManyRequests() throws Exception {
        String api = moto.createApi("gateway-test-throttle");
        moto.importDefinition(api, definition("http-proxy-api.json"));
        moto.deploy(api, "dev", "release 1");
        moto.client.updateStage(r -> r.restApiId(api).stageName("dev").patchOperations(
                p -> p.op("replace").path("/*/*/throttling/rateLimit").value("0.5"),
                p -> p.op("replace").path("/*/*/throttling/burstLimit").value("3")));
        gateway.refresh();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(send("GET", api, "/v1/tickets/" + i, null, Map.of()).statusCode());
        }
        HttpResponse<String> throttled = send("GET", api, "/v1/tickets/x", null, Map.of());
        HttpResponse<String> otherMethod = send("POST", api, "/v1/tickets", "{}", Map.of("Content-Type", "application/json"));

        assertEquals(List.of(200, 200, 200, 429, 429, 429), statuses);
        assertEquals("Too Many Requests", JSON.readTree(throttled.body()).path("message").asText());
        assertEquals(201, otherMethod.statusCode(), "each method has its own bucket");
    }

    /**
     * Access logging: one line per request in the stage's format with the {@code $context} variables substituted
     * ("Access logging for REST APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html;
     * variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html).
     */
    @Test
    void writesOneAccessLogLinePerRequestInTheStageFormat() throws Exception {
        String api = moto.createApi("gateway-test-access-log");
        moto.importDefinition(api, definition("http-proxy-api.json"));
        moto.deploy(api, "dev", "release 1");
        String format = "{\"requestId\":\"$context.requestId\",\"httpMethod\":\"$context.httpMethod\","
                + "\"resourcePath\":\"$context.resourcePath\",\"path\":\"$context.path\",\"status\":\"$context.status\","
                + "\"integrationStatus\":\"$context.integration.status\",\"errorMessage\":\"$context.error.message\","
                + "\"xrayTraceId\":\"$context.xrayTraceId\"}";
        moto.client.updateStage(r -> r.restApiId(api).stageName("dev").patchOperations(
                p -> p.op("replace").path("/accessLogSettings/destinationArn")
                        .value("arn:aws:logs:eu-west-1:111111111111:log-group:access"),
                p -> p.op("replace").path("/accessLogSettings/format").value(format)));
        gateway.refresh();

        HttpResponse<String> ok = send("GET", api, "/v1/tickets/7", null, Map.of());
        HttpResponse<String> missing = send("GET", api, "/nope", null, Map.of());

        // The line is written once the response has gone out (on AWS, access logs arrive asynchronously too), so
        // the two lines may come in either order and a moment after the second response.
        Map<String, JsonNode> lines = accessLogLines(api, 2, Duration.ofSeconds(5));
        assertEquals(2, lines.size(), "one line per request: " + lines);
        JsonNode served = lines.get(ok.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertEquals("GET", served.path("httpMethod").asText(), lines.toString());
        assertEquals("/v1/tickets/{ticketId}", served.path("resourcePath").asText());
        assertEquals("/dev/v1/tickets/7", served.path("path").asText());
        assertEquals("200", served.path("status").asText());
        assertEquals("200", served.path("integrationStatus").asText());
        assertEquals("-", served.path("errorMessage").asText());
        assertEquals("-", served.path("xrayTraceId").asText());
        JsonNode refused = lines.get(missing.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertEquals("403", refused.path("status").asText(), lines.toString());
        assertEquals("Missing Authentication Token", refused.path("errorMessage").asText());
    }

    /** The API's access log lines by request id, once {@code expected} have arrived or {@code bound} has passed. */
    private Map<String, JsonNode> accessLogLines(String api, int expected, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Map<String, JsonNode> byRequestId = new LinkedHashMap<>();
            for (RehearsalGateway.AccessLogLine line : accessLog) {
                if (line.apiId().equals(api)) {
                    JsonNode json = JSON.readTree(line.line());
                    byRequestId.put(json.path("requestId").asText(), json);
                }
            }
            if (byRequestId.size() >= expected || System.nanoTime() > deadline) {
                return byRequestId;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Lambda proxy integration: the function (run by the official runtime interface client as its own process,
     * through this gateway's Lambda Runtime API) receives the payload 1.0 event and its proxy response becomes the
     * HTTP response ("Lambda proxy integrations in API Gateway", input and output formats,
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html; Runtime API:
     * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
     */
    @Test
    void invokesTheFunctionWithTheProxyEventAndReturnsItsProxyResponse() throws Exception {
        HttpResponse<String> response = send("PUT", lambdaApi, "/v1/echo/42?q=a&q=b&single=1", "{\"x\":1}",
                Map.of("Content-Type", "application/json", "X-Custom", "c1"));

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(FUNCTION_ARN, response.headers().firstValue("X-Echo").orElse(""));
        assertEquals(List.of("a", "b"), response.headers().allValues("X-Multi"));
        JsonNode event = JSON.readTree(response.body());
        assertEquals("/v1/echo/{id}", event.path("resource").asText());
        assertEquals("/v1/echo/42", event.path("path").asText());
        assertEquals("PUT", event.path("httpMethod").asText());
        assertEquals("42", event.path("pathParameters").path("id").asText());
        assertEquals("b", event.path("queryStringParameters").path("q").asText());
        assertEquals("[\"a\",\"b\"]", event.path("multiValueQueryStringParameters").path("q").toString());
        assertEquals("1", event.path("queryStringParameters").path("single").asText());
        assertEquals("c1", header(event.path("headers"), "X-Custom"));
        assertEquals("{\"x\":1}", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean(true));
        JsonNode context = event.path("requestContext");
        assertEquals("dev", context.path("stage").asText());
        assertEquals(lambdaApi, context.path("apiId").asText());
        assertEquals(MotoControlPlane.ACCOUNT, context.path("accountId").asText());
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElseThrow(), context.path("requestId").asText());
        assertEquals("/v1/echo/{id}", context.path("resourcePath").asText());
        assertEquals("PUT", context.path("httpMethod").asText());
        assertEquals("/dev/v1/echo/42", context.path("path").asText());
        assertEquals("127.0.0.1", context.path("identity").path("sourceIp").asText());
    }

    /**
     * A function error or a response that is not a proxy response is a 502 {@code {"message": "Internal server
     * error"}} from API Gateway ("Output format of a Lambda function for proxy integration": a malformed response
     * gives 502, https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
     */
    @Test
    void answers502WhenTheFunctionFailsOrAnswersSomethingThatIsNotAProxyResponse() throws Exception {
        HttpResponse<String> failed = send("POST", lambdaApi, "/v1/fail", "{}", Map.of("Content-Type", "application/json"));
        HttpResponse<String> malformed = send("GET", lambdaApi, "/v1/malformed", null, Map.of());

        for (HttpResponse<String> response : List.of(failed, malformed)) {
            assertEquals(502, response.statusCode(), response.body());
            assertEquals("Internal server error", JSON.readTree(response.body()).path("message").asText());
        }
    }

    /**
     * The function's resource policy decides which API may invoke it ("Grant API Gateway permission to invoke a
     * Lambda function": the SourceArn names the API, https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html):
     * another API pointed at the same function gets API Gateway's 500, and the function is not invoked.
     */
    @Test
    void refusesToInvokeAFunctionWhoseResourcePolicyDoesNotNameTheApi() throws Exception {
        String other = moto.createApi("gateway-test-other-api");
        moto.importDefinition(other, definition("lambda-proxy-api.json"));
        moto.deploy(other, "dev", "points at someone else's function");
        gateway.refresh();
        int started = lambdas.environmentsStarted();

        HttpResponse<String> response = send("GET", other, "/v1/echo/1", null, Map.of());

        assertEquals(500, response.statusCode(), response.body());
        assertEquals("Internal server error", JSON.readTree(response.body()).path("message").asText());
        assertEquals(started, lambdas.environmentsStarted());
    }

    private static String header(JsonNode headers, String name) {
        var it = headers.fields();
        while (it.hasNext()) {
            var field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private HttpResponse<String> send(String method, String api, String pathAndQuery, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.invokeUrl(api, "dev") + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String definition(String name) throws IOException {
        try (InputStream in = RehearsalGatewayIT.class.getResourceAsStream("/gateway/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{backend}}", "http://127.0.0.1:" + backend.getAddress().getPort())
                    .replace("{{region}}", MotoControlPlane.REGION)
                    .replace("{{functionArn}}", FUNCTION_ARN);
        }
    }
}
