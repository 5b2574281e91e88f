package dev.multivendor.vendora;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.multivendor.contracts.ApiContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;
import java.util.Map;

import static dev.multivendor.vendora.Lambda.body;
import static dev.multivendor.vendora.Lambda.event;
import static dev.multivendor.vendora.Lambda.headers;
import static dev.multivendor.vendora.Lambda.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real handler responses checked against vendor A's contract (shared-contracts' feedback-api/v1/openapi.yaml):
 * status, media type, headers (X-Request-Id pattern, Location) and body schema of every documented response.
 */
class ContractConformanceTest {

    private static final OpenApiInteractionValidator CONTRACT =
            OpenApiInteractionValidator.createForInlineApiSpecification(ApiContract.FEEDBACK_V1.yaml()).build();
    private static Lambda lambda;

    @BeforeAll
    static void startTheFunction() {
        lambda = Lambda.start();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "create-feedback.json, 201",
            "create-feedback-base64.json, 201",
            "list-feedback.json, 200",
            "get-feedback-unknown.json, 404",
            "create-feedback-invalid.json, 400",
            "create-feedback-malformed.json, 400",
            "create-feedback-not-json.json, 415",
    })
    void answersEverySampleEventAsTheContractDocuments(String eventName, int expectedStatus) {
        Map<String, Object> event = event(eventName);
        Map<String, Object> response = lambda.invoke(event);

        assertEquals(expectedStatus, status(response));
        assertConforms(event, response);
    }

    @Test
    void answersAReadOfExistingFeedbackAsTheContractDocuments() {
        Map<String, Object> created = body(lambda.invoke("create-feedback.json"));
        Map<String, Object> get = event("get-feedback-unknown.json");
        get.put("path", "/v1/feedback/" + created.get("id"));

        Map<String, Object> response = lambda.invoke(get);

        assertEquals(200, status(response));
        assertConforms(get, response);
    }

    @Test
    void answersAnOversizedBodyAndAnInvalidQueryAsTheContractDocuments() {
        Map<String, Object> tooLarge = event("create-feedback.json");
        tooLarge.put("body", "{\"comment\":\"" + "x".repeat(17_000) + "\"}");
        Map<String, Object> badQuery = event("list-feedback.json");
        badQuery.put("queryStringParameters", Map.of("customerId", "no spaces allowed", "limit", "0"));

        assertConforms(tooLarge, lambda.invoke(tooLarge));
        assertConforms(badQuery, lambda.invoke(badQuery));
    }

    @Test
    void theValidatorRejectsAResponseThatBreaksTheContract() {
        // Guards against a vacuous check: a Feedback without createdAt and a bad X-Request-Id must be reported.
        SimpleResponse broken = SimpleResponse.Builder.status(200)
                .withContentType("application/json")
                .withHeader("X-Request-Id", "not valid!")
                .withBody("{\"id\":\"7b1e4c52-8f0a-4d7e-9a57-3f2d1c0b9e61\",\"customerId\":\"cust-1042\","
                        + "\"channel\":\"app\",\"rating\":4}")
                .build();

        ValidationReport report = CONTRACT.validateResponse("/v1/feedback/7b1e4c52-8f0a-4d7e-9a57-3f2d1c0b9e61",
                Request.Method.GET, broken);

        assertTrue(report.hasErrors());
        String messages = report.getMessages().toString();
        assertTrue(messages.contains("createdAt"), messages);
        assertTrue(messages.contains("\"not valid!\""), messages);
    }

    @Test
    void theSuccessfulSampleRequestsThemselvesConformToTheContract() {
        for (String eventName : new String[] {"create-feedback.json", "list-feedback.json"}) {
            Map<String, Object> event = event(eventName);
            ValidationReport report = CONTRACT.validateRequest(toRequest(event));
            assertFalse(report.hasErrors(), () -> eventName + ": " + report.getMessages());
        }
    }

    private static void assertConforms(Map<String, Object> event, Map<String, Object> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(status(response))
                .withBody((String) response.get("body"));
        headers(response).forEach((name, value) -> builder.withHeader(name, value));
        String method = ((String) event.get("httpMethod")).toUpperCase(Locale.ROOT);
        ValidationReport report = CONTRACT.validateResponse((String) event.get("path"),
                Request.Method.valueOf(method), builder.build());
        assertFalse(report.hasErrors(), () -> event.get("httpMethod") + " " + event.get("path") + " -> "
                + status(response) + ": " + report.getMessages() + "\nbody: " + response.get("body"));
    }

    @SuppressWarnings("unchecked")
    private static Request toRequest(Map<String, Object> event) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder((String) event.get("httpMethod"), (String) event.get("path"));
        Map<String, String> headers = (Map<String, String>) event.get("headers");
        if (headers != null) {
            headers.forEach((name, value) -> builder.withHeader(name, value));
        }
        Map<String, String> query = (Map<String, String>) event.get("queryStringParameters");
        if (query != null) {
            query.forEach((name, value) -> builder.withQueryParam(name, value));
        }
        if (event.get("body") != null) {
            builder.withBody((String) event.get("body"));
        }
        return builder.build();
    }
}
