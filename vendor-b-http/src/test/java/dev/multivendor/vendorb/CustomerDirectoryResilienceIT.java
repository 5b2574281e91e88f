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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer directory misbehaving (slow, resetting connections, 5xx, down): the API answers 503 or 504 problems
 * within a bound, retries only what is worth retrying, and stops calling a failing directory (open circuit).
 * Each test gets a fresh application so the circuit starts closed, and only the timeout test has a short read
 * timeout: the others have TestApp's, so a slow machine cannot turn their answer into a 504. Every bound a test
 * asserts is derived from the timeouts that test configures; the circuit's open period runs on a manual clock.
 */
class CustomerDirectoryResilienceIT {

    /** What a loaded 2-core machine may add to a bound (a first call in a cold JVM can take 0.5 s and more). */
    private static final Duration SLACK = Duration.ofMillis(2_500);
    /** Bound for an answer that must not wait for any read timeout: retries of fast failures only. */
    private static final Duration WITHOUT_WAITING_FOR_A_TIMEOUT = TestApp.READ_TIMEOUT;
    private static final String BODY = TestApp.event("create-ticket.json");
    private static final String CUSTOMER = "/customers/cust-1042";
    private static final Duration OPEN_FOR = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T09:15:27Z"));
    private WireMockServer directory;
    private TestApp app;

    @BeforeEach
    void start() {
        directory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        directory.start();
        app = startApp(Map.of());
    }

    private TestApp startApp(Map<String, Object> overrides) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "customer-directory.max-attempts", 3,
                "customer-directory.failure-threshold", 2,
                "customer-directory.open-for", OPEN_FOR.toSeconds() + "s"));
        properties.putAll(overrides);
        return TestApp.start(directory.baseUrl(), properties, List.of(clock));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        directory.stop();
    }

    @Test
    void answers504QuicklyWhenTheDirectoryIsSlowerThanTheReadTimeout() {
        app.close();
        Duration readTimeout = Duration.ofMillis(1_000);
        app = startApp(Map.of("micronaut.http.services.customer-directory.read-timeout",
                readTimeout.toMillis() + "ms"));
        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"gold\"}")
                .withFixedDelay(8_000)));

        HttpResponse<String> response = within(readTimeout.plus(SLACK), () -> app.postJson("/v1/tickets", BODY));

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

        HttpResponse<String> response = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.postJson("/v1/tickets", BODY));

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"customerTier\":\"platinum\""), response.body());
        directory.verify(2, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503AfterBoundedRetriesWhenEveryConnectionIsReset() {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.postJson("/v1/tickets", BODY));

        assertEquals(503, response.statusCode(), response.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        directory.verify(3, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503AfterBoundedRetriesWhenTheDirectoryAnswers5xx() {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withStatus(502)));

        HttpResponse<String> response = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.postJson("/v1/tickets", BODY));

        assertEquals(503, response.statusCode(), response.body());
        Contract.assertConforms(Method.POST, "/v1/tickets", response);
        directory.verify(3, getRequestedFor(urlEqualTo(CUSTOMER)));
    }

    @Test
    void answers503WhenTheDirectoryAnswersATierItDoesNotKnow() {
        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"diamond\"}")));

        HttpResponse<String> response = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.postJson("/v1/tickets", BODY));

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
            HttpResponse<String> response = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> orphan.postJson("/v1/tickets", BODY));

            assertEquals(503, response.statusCode(), response.body());
            Contract.assertConforms(Method.POST, "/v1/tickets", response);
        }
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresThenClosesItWhenATrialSucceeds() {
        directory.stubFor(get(CUSTOMER).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            assertEquals(503, app.postJson("/v1/tickets", BODY).statusCode());
        }
        directory.verify(6, getRequestedFor(urlEqualTo(CUSTOMER)));

        HttpResponse<String> refused = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.postJson("/v1/tickets", BODY));
        assertEquals(503, refused.statusCode());
        Contract.assertConforms(Method.POST, "/v1/tickets", refused);
        assertEquals(Long.toString(OPEN_FOR.toSeconds()), refused.headers().firstValue("Retry-After").orElseThrow());
        directory.verify(6, getRequestedFor(urlEqualTo(CUSTOMER))); // open: the directory was not called
        assertTrue(app.get("/health/readiness").body().contains("\"customerDirectoryCircuit\":\"OPEN\""));
        assertEquals(200, app.get("/health/readiness").statusCode(), "readiness must not follow the directory");

        directory.stubFor(get(CUSTOMER).willReturn(okJson("{\"id\":\"cust-1042\",\"tier\":\"gold\"}")));
        clock.advance(OPEN_FOR.minusMillis(1));
        assertEquals(503, app.postJson("/v1/tickets", BODY).statusCode(), "still open 1 ms before the trial");
        directory.verify(6, getRequestedFor(urlEqualTo(CUSTOMER)));
        clock.advance(Duration.ofMillis(1));
        assertEquals(201, app.postJson("/v1/tickets", BODY).statusCode());
        assertTrue(app.get("/health").body().contains("\"customerDirectoryCircuit\":\"CLOSED\""));
    }

    @Test
    void keepsServingReadsWhileTheDirectoryIsDown() {
        directory.stop();

        HttpResponse<String> read = within(WITHOUT_WAITING_FOR_A_TIMEOUT, () -> app.get("/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f"));

        assertEquals(404, read.statusCode());
    }

    private static HttpResponse<String> within(Duration bound, Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took.toMillis() + " ms, expected under " + bound.toMillis());
        return response;
    }
}
