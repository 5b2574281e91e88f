package dev.multivendor.publisher;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.publisher.testing.Events;
import dev.multivendor.publisher.testing.ReleaseFixture;
import dev.multivendor.publisher.testing.ReleaseScenarios;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The publisher against WireMock standing in for the API Gateway control plane and the stage URL. */
class PublisherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "a1b2c3d4e5";
    /** SigV4 for service apigateway in the fixture's region, signed with the fixture's key. */
    private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256 Credential=" + ReleaseFixture.ACCESS_KEY
            + "/\\d{8}/" + ReleaseFixture.REGION + "/apigateway/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

    @Test
    void sendsExactlyTheFourAgreedCallsSignedForApiGatewayInTheCoreRegion() throws Exception {
        ReleaseScenarios.Run run = ReleaseScenarios.RELEASE.run(ApiContract.FEEDBACK_V1, API);

        assertEquals(PublishResult.Outcome.PUBLISHED, run.result().outcome(), run.result().detail());
        assertEquals("d2next", run.result().deploymentId());
        List<LoggedRequest> calls = run.controlPlaneRequests();
        assertEquals(List.of(
                "GET /restapis/a1b2c3d4e5/stages/prod",
                "GET /restapis/a1b2c3d4e5/stages/prod/exports/oas30?extensions=integrations",
                "PUT /restapis/a1b2c3d4e5?mode=overwrite&failonwarnings=true",
                "POST /restapis/a1b2c3d4e5/deployments"), lines(calls));
        for (LoggedRequest call : calls) {
            String authorization = call.getHeader("Authorization");
            assertNotNull(authorization, call.getUrl() + " is not signed");
            var signature = SIGV4.matcher(authorization);
            assertTrue(signature.matches(), call.getUrl() + " has an unexpected Authorization header: " + authorization);
            List<String> signed = List.of(signature.group(1).split(";"));
            assertTrue(signed.containsAll(List.of("host", "x-amz-date")), "signed headers " + signed);
            assertNotNull(call.getHeader("X-Amz-Date"), "X-Amz-Date");
            assertEquals(resign(call, signed), authorization, "the signature covers this method, path, query and body");
        }
        assertEquals("application/json", calls.get(1).getHeader("Accept"), "GetExport asks for JSON");

        JsonNode deployment = JSON.readTree(calls.get(3).getBodyAsString());
        assertEquals(JSON.readTree("{\"stageName\":\"prod\",\"description\":\"release 1.4.0 commit 9c3b7aa\"}"), deployment);

        ObjectNode imported = (ObjectNode) JSON.readTree(calls.get(2).getBodyAsString());
        String uri = "arn:aws:apigateway:eu-north-1:lambda:path/2015-03-31/functions/" + ReleaseFixture.LAMBDA_ALIAS
                + "/invocations";
        JsonNode expectedIntegration = JSON.readTree("{\"type\":\"aws_proxy\",\"httpMethod\":\"POST\",\"uri\":\"" + uri
                + "\",\"passthroughBehavior\":\"when_no_match\"}");
        List<String> integrated = Operations.of(imported).stream().map(op -> {
            assertEquals(expectedIntegration, op.node().remove(Operations.INTEGRATION), op.label());
            return op.label();
        }).collect(Collectors.toList());
        assertEquals(List.of("operation createFeedback (POST /v1/feedback)", "operation listFeedback (GET /v1/feedback)",
                "operation getFeedback (GET /v1/feedback/{feedbackId})"), integrated);
        // Without the integrations, what was imported is the contract, unchanged.
        assertEquals(new YAMLMapper().readTree(ApiContract.FEEDBACK_V1.yaml()), imported);

        LoggedRequest smoke = run.fixture().stage.findAll(getRequestedFor(urlPathEqualTo("/prod/v1/feedback"))).get(0);
        assertEquals("smoke-test", smoke.queryParameter("customerId").firstValue());
        assertEquals("publisher-smoke-d2next-1", smoke.getHeader("X-Request-Id"));
    }

    @Test
    void pointsEveryVendorBOperationAtItsBackendWithTheOriginVerifyHeaderAndPathParameters() throws Exception {
        ReleaseScenarios.Run run = ReleaseScenarios.RELEASE.run(ApiContract.SUPPORT_TICKETS_V1, "f6g7h8i9j0");

        assertTrue(run.result().succeeded(), run.result().detail());
        ObjectNode imported = (ObjectNode) JSON.readTree(run.controlPlaneRequests().get(2).getBodyAsString());
        JsonNode getTicket = imported.at("/paths/~1v1~1tickets~1{ticketId}/get/x-amazon-apigateway-integration");
        assertEquals(JSON.readTree("""
                {"type":"http_proxy","httpMethod":"GET","uri":"https://tickets.vendor-b.example/v1/tickets/{ticketId}",
                 "passthroughBehavior":"when_no_match","connectionType":"INTERNET",
                 "requestParameters":{"integration.request.path.ticketId":"method.request.path.ticketId",
                   "integration.request.header.X-Origin-Verify":"'s3cr3t-origin-verify-value'"}}"""), getTicket);
        assertEquals("https://tickets.vendor-b.example/v1/tickets",
                imported.at("/paths/~1v1~1tickets/post/x-amazon-apigateway-integration/uri").asText());
        assertFalse(String.join("\n", run.fixture().log).contains(ReleaseFixture.ORIGIN_SECRET), "the secret is never logged");
    }

    @Test
    void skipsTheExportOnAFirstReleaseAndSaysThereIsNothingToRollBackTo() {
        ReleaseScenarios.Run run = ReleaseScenarios.FIRST_RELEASE.run(ApiContract.FEEDBACK_V1, API);

        assertTrue(run.result().succeeded(), run.result().detail());
        assertTrue(run.result().previousDeploymentId().isEmpty());
        assertEquals(List.of("GET /restapis/a1b2c3d4e5/stages/prod",
                "PUT /restapis/a1b2c3d4e5?mode=overwrite&failonwarnings=true",
                "POST /restapis/a1b2c3d4e5/deployments"), lines(run.controlPlaneRequests()));
        assertTrue(run.fixture().log.stream().anyMatch(l -> l.contains("first release")), run.fixture().log.toString());
    }

    @Test
    void backsOffAfterA429ForAtLeastTheRetryAfterAndThenImports() {
        ReleaseScenarios.Run run = ReleaseScenarios.THROTTLED_THEN_IMPORTED.run(ApiContract.FEEDBACK_V1, API);

        assertTrue(run.result().succeeded(), run.result().detail());
        assertEquals(2, count(run, "PUT"), "one throttled import, one retry");
        List<Duration> sleeps = run.fixture().time.sleeps();
        assertEquals(1, sleeps.size(), "one backoff, no smoke retries: " + sleeps);
        assertTrue(sleeps.get(0).compareTo(Duration.ofSeconds(1)) >= 0, "honours Retry-After: 1, slept " + sleeps);
        assertTrue(run.fixture().log.stream().anyMatch(l -> l.contains("429 TooManyRequestsException") && l.contains("retry 1/")),
                run.fixture().log.toString());
    }

    @Test
    void retriesServerErrorsWithJitteredBackoffBelowTheGrowingCeiling() {
        ReleaseScenarios.Run run = ReleaseScenarios.SERVER_ERROR_THEN_IMPORTED.run(ApiContract.FEEDBACK_V1, API);

        assertTrue(run.result().succeeded(), run.result().detail());
        assertEquals(3, count(run, "PUT"));
        List<Duration> sleeps = run.fixture().time.sleeps();
        assertEquals(2, sleeps.size(), sleeps.toString());
        assertTrue(sleeps.get(0).compareTo(Duration.ofMillis(250)) <= 0, "first retry within base 250 ms: " + sleeps);
        assertTrue(sleeps.get(1).compareTo(Duration.ofMillis(500)) <= 0, "second retry within 500 ms: " + sleeps);
        assertTrue(run.fixture().log.stream().anyMatch(l -> l.contains("500 InternalFailure")), run.fixture().log.toString());
    }

    @Test
    void retriesAnImportWhoseConnectionWasResetBecauseOverwriteIsIdempotent() {
        ReleaseScenarios.Run run = ReleaseScenarios.CONNECTION_RESET_THEN_IMPORTED.run(ApiContract.FEEDBACK_V1, API);

        assertTrue(run.result().succeeded(), run.result().detail());
        assertEquals(2, count(run, "PUT"));
        assertEquals(run.controlPlaneRequests().get(2).getBodyAsString(), run.controlPlaneRequests().get(3).getBodyAsString(),
                "the retry sends the same document");
        assertTrue(run.fixture().log.stream().anyMatch(l -> l.contains("no response")), run.fixture().log.toString());
    }

    @Test
    void rollsBackByReimportingTheExportedDefinitionWhenTheSmokeTestFails() throws Exception {
        ReleaseScenarios.Run run = ReleaseScenarios.SMOKE_FAILS_AND_ROLLS_BACK.run(ApiContract.FEEDBACK_V1, API);

        assertEquals(PublishResult.Outcome.ROLLED_BACK, run.result().outcome());
        assertEquals("d3back", run.result().rollbackDeploymentId().orElseThrow());
        assertTrue(run.result().detail().contains("answered 502, expected 200")
                && run.result().detail().contains("rolled stage prod back to the definition of deployment d1prev"),
                run.result().detail());
        List<LoggedRequest> calls = run.controlPlaneRequests();
        assertEquals(List.of(
                "GET /restapis/a1b2c3d4e5/stages/prod",
                "GET /restapis/a1b2c3d4e5/stages/prod/exports/oas30?extensions=integrations",
                "PUT /restapis/a1b2c3d4e5?mode=overwrite&failonwarnings=true",
                "POST /restapis/a1b2c3d4e5/deployments",
                "PUT /restapis/a1b2c3d4e5?mode=overwrite&failonwarnings=true",
                "POST /restapis/a1b2c3d4e5/deployments"), lines(calls), "no PATCH on the stage");
        assertEquals(Events.read("exported-stage-feedback-v1.json"), calls.get(4).getBodyAsString(),
                "the rollback re-imports exactly what the stage served");
        assertEquals(JSON.readTree("{\"stageName\":\"prod\",\"description\":\"rollback to d1prev\"}"),
                JSON.readTree(calls.get(5).getBodyAsString()));
        assertEquals(3, run.fixture().stage.findAll(anyRequestedFor(anyUrl())).size(), "three smoke attempts");
    }

    @Test
    void reportsAFailedFirstReleaseWithoutPretendingToRollBack() {
        try (ReleaseFixture fixture = new ReleaseFixture();
             ControlPlane client = fixture.controlPlaneClient(RetryPolicy.defaults())) {
            fixture.stubFirstRelease(API);
            fixture.stubImportAndDeploy(API);
            fixture.stubSmoke(ApiContract.FEEDBACK_V1, 500);

            PublishResult result = fixture.publisher(client).publish(fixture.request(ApiContract.FEEDBACK_V1, API));

            assertEquals(PublishResult.Outcome.FAILED_WITHOUT_ROLLBACK, result.outcome());
            assertTrue(result.detail().contains("first release"), result.detail());
            assertEquals(3, fixture.controlPlaneRequests().size(), "GetStage, PutRestApi, CreateDeployment; nothing more");
        }
    }

    @Test
    void givesUpAfterTheBoundedNumberOfAttemptsWhenThrottlingPersists() {
        try (ReleaseFixture fixture = new ReleaseFixture();
             ControlPlane client = fixture.controlPlaneClient(RetryPolicy.defaults().withMaxAttempts(4))) {
            fixture.stubStageServing(API, "d1prev");
            fixture.controlPlane.stubFor(ReleaseFixture.putRestApi(API).willReturn(ReleaseFixture.throttled()));

            ControlPlaneException e = assertThrows(ControlPlaneException.class,
                    () -> fixture.publisher(client).publish(fixture.request(ApiContract.FEEDBACK_V1, API)));

            assertAll(
                    () -> assertEquals(4, e.attempts()),
                    () -> assertTrue(e.retryable()),
                    () -> assertTrue(e.getMessage().startsWith("PutRestApi PUT /restapis/a1b2c3d4e5 failed after 4 attempts: 429"),
                            e.getMessage()),
                    () -> assertEquals(4, fixture.controlPlaneRequests().stream().filter(r -> r.getMethod().getName().equals("PUT")).count()),
                    () -> assertTrue(fixture.controlPlaneRequests().stream().noneMatch(r -> r.getMethod().getName().equals("POST")),
                            "no deployment after a failed import"));
        }
    }

    @Test
    void doesNotRetryAnAccessDeniedAndSaysToCheckTheRole() {
        try (ReleaseFixture fixture = new ReleaseFixture();
             ControlPlane client = fixture.controlPlaneClient(RetryPolicy.defaults())) {
            fixture.stubStageServing(API, "d1prev");
            fixture.controlPlane.stubFor(ReleaseFixture.putRestApi(API).willReturn(
                    ReleaseFixture.error(403, "AccessDeniedException", Events.read("access-denied.json"))));

            ControlPlaneException e = assertThrows(ControlPlaneException.class,
                    () -> fixture.publisher(client).publish(fixture.request(ApiContract.FEEDBACK_V1, API)));

            assertEquals(1, e.attempts());
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("403 AccessDeniedException") && e.getMessage().contains("check the role"),
                    e.getMessage());
        }
    }

    @Test
    void stopsABadDocumentBeforeAnyCallNamingEachOperation() {
        try (ReleaseFixture fixture = new ReleaseFixture();
             ControlPlane client = fixture.controlPlaneClient(RetryPolicy.defaults())) {
            Path file = Path.of("src/test/resources/contracts/integration-points-elsewhere.yaml");
            PublishRequest request = fixture.request(SourceDocument.read(file), ReleaseFixture.backend(), API, "/v1/tickets/x");

            InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                    () -> fixture.publisher(client).publish(request));

            String message = e.getMessage();
            assertTrue(message.contains(file + ":9: operation createTicket (POST /v1/tickets): field "
                    + "x-amazon-apigateway-integration.uri is \"https://tickets.other-vendor.example/v1/tickets\", expected "
                    + "\"https://tickets.vendor-b.example/v1/tickets\""), message);
            assertTrue(message.contains(file + ":19: operation getTicket (GET /v1/tickets/{ticketId}): field "
                    + "x-amazon-apigateway-integration is missing or empty"), message);
            assertEquals(List.of(), fixture.controlPlane.getAllServeEvents(), "WireMock's journal is empty");
            assertEquals(List.of(), fixture.stage.getAllServeEvents());
        }
    }

    /** Signs the recorded request again with the fixture's secret key at its X-Amz-Date. */
    private static String resign(LoggedRequest call, List<String> signedHeaders) {
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(call.getHeader("X-Amz-Date"), Instant::from);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(call.getMethod().getName()))
                .uri(URI.create(call.getAbsoluteUrl()));
        signedHeaders.stream().filter(h -> !h.equals("x-amz-date")).forEach(h -> request.putHeader(h, call.getHeader(h)));
        byte[] body = call.getBody();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ReleaseFixture.ACCESS_KEY, "test-secret-key"))
                .request(request.build())
                .payload(body == null || body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
                .putProperty(AwsV4HttpSigner.REGION_NAME, ReleaseFixture.REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }

    static List<String> lines(List<LoggedRequest> calls) {
        return calls.stream().map(r -> r.getMethod().getName() + " " + r.getUrl()).collect(Collectors.toList());
    }

    private static long count(ReleaseScenarios.Run run, String method) {
        return run.controlPlaneRequests().stream().filter(r -> r.getMethod().getName().equals(method)).count();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
