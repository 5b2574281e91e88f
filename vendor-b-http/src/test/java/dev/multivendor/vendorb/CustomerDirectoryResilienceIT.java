package dev.multivendor.vendorb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request.Method;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer directory misbehaving (slow, resetting connections, 5xx, down): the API answers 503 or 504 problems
 * within a bound, retries only what is worth retrying, and stops calling a failing directory (open circuit).
 * Each test gets a fresh application so the circuit starts closed.
 */
class CustomerDirectoryResilienceIT {

    /** Read timeout (1 s, see TestApp: a first call in a cold JVM on a loaded 2-core machine can take 0.5 s) plus slack; far below "hangs". */
    private static final Duration QUICKLY = Duration.ofMillis(3_500);
    private static final String BODY = TestApp.event("create-ticket.json");
    private static final String CUSTOMER = "/customers/cust-1042";

    private WireMockServer directory;
    private TestApp app;

    @BeforeEach
    void start() {
        directory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        directory.start();
        app = TestApp.start(directory.baseUrl(), Map.of(
                "customer-directory.max-attempts", 3,
                "customer-directory.failure-threshold", 2,
                "customer-directory.open-for", "1s"));
    }

    @AfterEach
    void stop() {
        app.close();
        directory.stop();
    }

    @Test
    void answers504QuicklyWhenTheDirectoryIsSlowerThanTheReadTimeout() {
        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"gold\"}")
                .withFixedDelay(5_000)));

        HttpResponse<String> response = timed(() -> app.postJson("/v1/tickets", BODY));

        assertEquals(504, response.statusCode(), response.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertTrue(response.body().contains("within 1000 ms"), response.body());
        // A timeout is not retried: a slow directory would only get more load and the caller would wait longer.
        directory.verify(1, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void retriesAConnectionResetAndSucceedsWhenTheNextAttemptWorks() {
        directory.stubFor(get(CUSTOMER).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        directory.stubFor(get(CUSTOMER).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"platinum\"}")));

        HttpResponse<String> response = timed(() -> app.postJson("/v1/tickets", BODY));

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"customerTier\":\"platinum\""), response.body());
        directory.verify(2, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503AfterBoundedRetriesWhenEveryConnectionIsReset() {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = timed(() -> app.postJson("/v1/tickets", BODY));

        assertEquals(503, response.statusCode(), response.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        directory.verify(3, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503AfterBoundedRetriesWhenTheDirectoryAnswers5xx() {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withStatus(502)));

        HttpResponse<String> response = timed(() -> app.postJson("/v1/tickets", BODY));

        assertEquals(503, response.statusCode(), response.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        directory.verify(3, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503WhenTheDirectoryAnswersATierItDoesNotKnow() {
        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"diamond\"}")));

        HttpResponse<String> response = timed(() -> app.postJson("/v1/tickets", BODY));

        assertEquals(503, response.statusCode(), response.body());
        directory.verify(1, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503QuicklyWhenNothingListensAtTheDirectoryAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestApp orphan = TestApp.start("http://127.0.0.1:" + closedPort, Map.of())) {
            HttpResponse<String> response = timed(() -> orphan.postJson("/v1/tickets", BODY));

            assertEquals(503, response.statusCode(), response.body());
            Contract.assertConforms(Method.POST, "/v1/tickets", response);
        }
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresThenClosesItWhenATrialSucceeds() throws Exception {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            assertEquals(503, app.postJson("/v1/tickets", BODY).statusCode());
        }
        directory.verify(6, getRequestedFor(urlEqualTo(CUSTOMER)));

        HttpResponse<String> refused = timed(() -> app.postJson("/v1/tickets", BODY));
        assertEquals(503, refused.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", refused);
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        directory.verify(6, getRequestedFor(urlEqualTo(CUSTOMER))); // open: the directory was not called
        assertTrue(app.get("/health/readiness").body().contains("\"customerDirectoryCircuit\":\"OPEN\""));
        assertEquals(200, app.get("/health/readiness").statusCode(), "readiness must not follow the directory");

        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"gold\"}")));
        Thread.sleep(1_100);
        assertEquals(201, app.postJson("/v1/tickets", BODY).statusCode());
        assertTrue(app.get("/health").body().contains("\"customerDirectoryCircuit\":\"CLOSED\""));
    }

    @Test
    void keepsServingReadsWhileTheDirectoryIsDown() {
        directory.stop();

        HttpResponse<String> read = timed(() -> app.get("/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f"));

        assertEquals(404, read.statusCode());
    }

    private static HttpResponse<String> timed(java.util.function.Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(QUICKLY) < 0, "took " + took.toMillis() + " ms, expected under " + QUICKLY.toMillis());
        return response;
    }
}
