package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.vendorb.web.GatewayTrustFilter;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Gateway trust in both states: on (the deployed environment) and off (local runs, with a warning). */
class GatewayTrustIT {

    private static final String CURRENT = "current-secret-0123456789abcdefghijklmnop";
    private static final String NEXT = "next-secret-0123456789abcdefghijklmnopqrstu";
    private static final String UNKNOWN_TICKET = "/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f";
    /** Nothing listens there; these tests never reach the directory. */
    private static final String NO_DIRECTORY = "http://127.0.0.1:9";

    @Test
    void refusesRequestsWithoutTheOriginHeaderInTheDeployedEnvironment() throws Exception {
        try (TestApp app = TestApp.start(NO_DIRECTORY, Map.of("gateway-trust.secrets", CURRENT + "," + NEXT),
                "deployed")) {
            HttpResponse<String> response = app.get(UNKNOWN_TICKET, "X-Request-Id", "req-1");

            assertEquals(403, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            var problem = new ObjectMapper().readTree(response.body());
            assertEquals(403, problem.get("status").asInt());
            assertEquals("req-1", problem.get("requestId").asText());
        }
    }

    @Test
    void refusesAWrongOrTruncatedSecret() {
        try (TestApp app = TestApp.start(NO_DIRECTORY, Map.of("gateway-trust.secrets", CURRENT + "," + NEXT),
                "deployed")) {
            assertEquals(403, app.get(UNKNOWN_TICKET, GatewayTrustFilter.HEADER, "guess").statusCode());
            assertEquals(403, app.get(UNKNOWN_TICKET, GatewayTrustFilter.HEADER, CURRENT.substring(1)).statusCode());
            assertEquals(403, app.get(UNKNOWN_TICKET, GatewayTrustFilter.HEADER, CURRENT + NEXT).statusCode());
        }
    }

    @Test
    void acceptsEitherSecretDuringARotation() {
        try (TestApp app = TestApp.start(NO_DIRECTORY, Map.of("gateway-trust.secrets", CURRENT + "," + NEXT),
                "deployed")) {
            assertEquals(404, app.get(UNKNOWN_TICKET, GatewayTrustFilter.HEADER, CURRENT).statusCode());
            assertEquals(404, app.get(UNKNOWN_TICKET, GatewayTrustFilter.HEADER, NEXT).statusCode());
        }
    }

    @Test
    void letsHealthProbesThroughWithoutTheSecret() {
        try (TestApp app = TestApp.start(NO_DIRECTORY, Map.of("gateway-trust.secrets", CURRENT), "deployed")) {
            assertEquals(200, app.get("/health").statusCode());
            assertEquals(200, app.get("/health/readiness").statusCode());
            assertEquals(403, app.get("/healthz").statusCode());
        }
    }

    @Test
    void refusesToStartInTheDeployedEnvironmentWithoutASecret() {
        Exception failure = assertThrows(Exception.class,
                () -> TestApp.start(NO_DIRECTORY, Map.of(), "deployed").close());

        assertTrue(messages(failure).contains("ORIGIN_VERIFY_SECRETS"), messages(failure));
    }

    @Test
    void refusesToStartWithASecretTooShortToResistGuessing() {
        Exception failure = assertThrows(Exception.class,
                () -> TestApp.start(NO_DIRECTORY, Map.of("gateway-trust.secrets", "short"), "deployed").close());

        assertTrue(messages(failure).contains("at least 32 characters"), messages(failure));
    }

    @Test
    void letsEverythingThroughLocallyAndWarnsAtStartUp() {
        Logger logger = (Logger) LoggerFactory.getLogger(GatewayTrustFilter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestApp app = TestApp.start(NO_DIRECTORY, Map.of())) {
            assertTrue(appender.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("Gateway trust OFF")), "no start-up warning was logged");
            assertEquals(404, app.get(UNKNOWN_TICKET).statusCode());
        } finally {
            logger.detachAppender(appender);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
