package dev.multivendor.vendora;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.multivendor.vendora.Lambda.body;
import static dev.multivendor.vendora.Lambda.event;
import static dev.multivendor.vendora.Lambda.headers;
import static dev.multivendor.vendora.Lambda.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler Lambda runs (FunctionInvoker + FeedbackApplication), fed the sample API Gateway events. */
class FeedbackFunctionTest {

    private static Lambda lambda;

    @BeforeAll
    static void startTheFunctionLikeLambdaDoes() {
        lambda = Lambda.start();
    }

    @Test
    void createsFeedbackAndAnswers201WithLocationAndTheClientsRequestId() {
        Map<String, Object> response = lambda.invoke("create-feedback.json");

        assertEquals(201, status(response));
        Map<String, Object> feedback = body(response);
        assertEquals("cust-1042", feedback.get("customerId"));
        assertEquals("app", feedback.get("channel"));
        assertEquals(4, feedback.get("rating"));
        assertTrue(feedback.get("createdAt").toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals("/v1/feedback/" + feedback.get("id"), headers(response).get("Location"));
        assertEquals("req-create-0001", headers(response).get("X-Request-Id"));
        assertEquals("application/json", headers(response).get("Content-Type"));
    }

    @Test
    void readsCreatedFeedbackBackById() {
        Map<String, Object> created = body(lambda.invoke("create-feedback.json"));
        Map<String, Object> get = event("get-feedback-unknown.json");
        get.put("path", "/v1/feedback/" + created.get("id"));

        Map<String, Object> response = lambda.invoke(get);

        assertEquals(200, status(response));
        assertEquals(created, body(response));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheCustomersFeedbackIncludingWhatWasJustCreated() {
        Map<String, Object> created = body(lambda.invoke("create-feedback-base64.json"));

        Map<String, Object> response = lambda.invoke("list-feedback.json");

        assertEquals(200, status(response));
        List<Map<String, Object>> items = (List<Map<String, Object>>) body(response).get("items");
        assertTrue(items.contains(created), () -> items + " should contain " + created);
        assertTrue(items.stream().allMatch(item -> item.get("customerId").equals("cust-1042")));
    }

    @Test
    void decodesBase64BodiesAndAcceptsACharsetParameter() {
        Map<String, Object> response = lambda.invoke("create-feedback-base64.json");

        assertEquals(201, status(response));
        assertEquals("web", body(response).get("channel"));
        assertFalse(body(response).containsKey("comment"), "no comment sent, none returned (not even null)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersInvalidFieldsWith400NamingEachField() {
        Map<String, Object> response = lambda.invoke("create-feedback-invalid.json");

        assertEquals(400, status(response));
        assertEquals("application/problem+json", headers(response).get("Content-Type"));
        Map<String, Object> problem = body(response);
        assertEquals("The request body has 3 invalid fields.", problem.get("detail"));
        assertEquals("req-invalid-0001", problem.get("requestId"));
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertEquals(List.of("channel", "rating", "mood"), errors.stream().map(e -> e.get("field")).toList());
    }

    @Test
    void answersMalformedJsonWith400AndNoParserInternals() {
        Map<String, Object> response = lambda.invoke("create-feedback-malformed.json");

        assertEquals(400, status(response));
        assertEquals("The request body is not valid JSON.", body(response).get("detail"));
        assertFalse(response.get("body").toString().contains("jackson"), "no parser class names leak out");
    }

    @Test
    void answersAJsonArrayBodyWith400() {
        Map<String, Object> event = event("create-feedback.json");
        event.put("body", "[{\"customerId\":\"cust-1042\",\"channel\":\"app\",\"rating\":4}]");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(400, status(response));
        assertEquals("The request body must be a JSON object.", body(response).get("detail"));
    }

    @Test
    void answersANonJsonContentTypeWith415() {
        Map<String, Object> response = lambda.invoke("create-feedback-not-json.json");

        assertEquals(415, status(response));
        assertEquals("Unsupported Media Type", body(response).get("title"));
    }

    @Test
    void answersABodyOver16KiBWith413() {
        Map<String, Object> event = event("create-feedback.json");
        event.put("body", "{\"comment\":\"" + "x".repeat(16_400) + "\"}");

        assertEquals(413, status(lambda.invoke(event)));
    }

    @Test
    void answersInvalidBase64With400() {
        Map<String, Object> event = event("create-feedback.json");
        event.put("isBase64Encoded", true);
        event.put("body", "not base64 at all!");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(400, status(response));
        assertEquals("The request body is marked base64 but is not valid base64.", body(response).get("detail"));
    }

    @Test
    void answersAnUnknownFeedbackIdWith404Problem() {
        Map<String, Object> response = lambda.invoke("get-feedback-unknown.json");

        assertEquals(404, status(response));
        assertEquals("/v1/feedback/7b1e4c52-8f0a-4d7e-9a57-3f2d1c0b9e61", body(response).get("instance"));
        assertEquals("req-get-0001", headers(response).get("X-Request-Id"));
    }

    @Test
    void answersAFeedbackIdThatIsNotAUuidWith400() {
        Map<String, Object> event = event("get-feedback-unknown.json");
        event.put("path", "/v1/feedback/not-a-uuid");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(400, status(response));
        assertEquals("The feedback id must be a UUID.", body(response).get("detail"));
    }

    @Test
    void answersAnUnknownRouteWith404Problem() {
        Map<String, Object> response = lambda.invoke("unknown-route.json");

        assertEquals(404, status(response));
        assertEquals("No route for GET /v1/complaints.", body(response).get("detail"));
    }

    @Test
    void answersAWrongMethodWith405AndTheAllowedMethods() {
        Map<String, Object> response = lambda.invoke("delete-feedback.json");

        assertEquals(405, status(response));
        assertEquals("GET, POST", headers(response).get("Allow"));
        assertEquals("Method Not Allowed", body(response).get("title"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersAMissingCustomerIdAndAnOutOfRangeLimitWith400() {
        Map<String, Object> event = event("list-feedback.json");
        event.put("queryStringParameters", Map.of("limit", "500"));
        event.remove("multiValueQueryStringParameters");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(400, status(response));
        List<Map<String, String>> errors = (List<Map<String, String>>) body(response).get("errors");
        assertEquals(List.of("customerId", "limit"), errors.stream().map(e -> e.get("field")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void usesTheGatewaysRequestIdWhenTheClientSentNone() {
        Map<String, Object> event = event("create-feedback.json");
        event.put("headers", Map.of("content-type", "application/json"));
        event.remove("multiValueHeaders");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(201, status(response));
        String gatewayId = ((Map<String, Object>) event.get("requestContext")).get("requestId").toString();
        assertEquals(gatewayId, headers(response).get("X-Request-Id"));
    }

    @Test
    void rejectsAMalformedRequestIdWith400AndAnswersWithAGeneratedOne() {
        Map<String, Object> event = event("list-feedback.json");
        event.put("headers", Map.of("X-Request-Id", "has spaces; and=semicolons"));
        event.remove("multiValueHeaders");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(400, status(response));
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", headers(response).get("X-Request-Id"));
    }

    @Test
    void readsHeadersFromMultiValueHeadersWhenTheSingleValuedMapIsMissing() {
        Map<String, Object> event = event("create-feedback.json");
        event.remove("headers");

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(201, status(response));
        assertEquals("req-create-0001", headers(response).get("X-Request-Id"));
    }

    @Test
    void keepsTheBodyOfEveryResponseUtf8Json() {
        Map<String, Object> event = event("create-feedback.json");
        event.put("body", new String(Base64.getEncoder().encode(
                "{\"customerId\":\"cust-1042\",\"channel\":\"store\",\"rating\":5,\"comment\":\"Très bien 👍\"}"
                        .getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII));
        event.put("isBase64Encoded", true);

        Map<String, Object> response = lambda.invoke(event);

        assertEquals(201, status(response));
        assertEquals("Très bien 👍", body(response).get("comment"));
    }
}
