package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Access log lines: the stage's format with {@code $context} variables substituted, {@code -} for a variable without
 * a value ("Access logging for REST APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html).
 */
class AccessLogFormatterTest {

    @Test
    void substitutesDottedContextVariablesAndWritesADashForMissingOnes() {
        String format = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                + "\"integrationStatus\":\"$context.integration.status\",\"xrayTraceId\":\"$context.xrayTraceId\"}";
        String line = AccessLogFormatter.format(format, Map.of("requestId", "r-1", "identity.sourceIp", "127.0.0.1",
                "integration.status", "200"));
        assertEquals("{\"requestId\":\"r-1\",\"ip\":\"127.0.0.1\",\"integrationStatus\":\"200\",\"xrayTraceId\":\"-\"}", line);
    }

    @Test
    void keepsOneLinePerRequestAndTextAroundTheVariables() {
        assertEquals("GET /dev/x 200 - done", AccessLogFormatter.format(
                "$context.httpMethod $context.path $context.status $context.error.message done",
                Map.of("httpMethod", "GET", "path", "/dev/x", "status", "200", "error.message", "")));
        assertEquals("a b", AccessLogFormatter.format("$context.x", Map.of("x", "a\nb")));
    }
}
