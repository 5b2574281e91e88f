package dev.multivendor.vendora.bench;

import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.local.LocalContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark compares like with like only if the baseline answers like the real handler. */
class FrameworkFreeHandlerTest {

    @Test
    @SuppressWarnings("unchecked")
    void answersTheBenchmarkEventLikeTheSpringCloudFunctionHandler() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream event = getClass().getResourceAsStream("/events/create-feedback.json")) {
            new FrameworkFreeHandler().handleRequest(event, out, new LocalContext("baseline"));
        }
        Map<String, Object> response = Json.MAPPER.readValue(out.toByteArray(), Map.class);
        Map<String, Object> body = Json.MAPPER.readValue((String) response.get("body"), Map.class);

        assertEquals(201, response.get("statusCode"));
        assertEquals("req-create-0001", ((Map<String, String>) response.get("headers")).get("X-Request-Id"));
        assertEquals("/v1/feedback/" + body.get("id"), ((Map<String, String>) response.get("headers")).get("Location"));
        assertEquals(Map.of("customerId", "cust-1042", "channel", "app", "rating", 4,
                        "comment", "Checkout was quick, but the delivery slot picker is confusing."),
                Map.of("customerId", body.get("customerId"), "channel", body.get("channel"), "rating", body.get("rating"),
                        "comment", body.get("comment")));
    }
}
