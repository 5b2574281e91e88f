package dev.multivendor.vendora;

import dev.multivendor.vendora.api.ApiRequest;
import dev.multivendor.vendora.api.ApiResponse;
import dev.multivendor.vendora.api.Feedback;
import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.bench.FrameworkFreeHandler;
import dev.multivendor.vendora.store.FeedbackStore;
import dev.multivendor.vendora.store.InMemoryFeedbackStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The operations, routes and request handling without any framework, with a controlled clock and ids. */
class FeedbackOperationsTest {

    private final AtomicInteger sequence = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-02T09:15:27.000Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final Function<ApiRequest, ApiResponse> api = FrameworkFreeHandler.api(new FeedbackOperations(store, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, () -> new UUID(0x7b1e4c528f0a4d7eL, 0x9a573f2d1c0b9e00L + sequence.incrementAndGet())));

    @Test
    void listsNewestFirstAndStopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            create("{\"customerId\":\"cust-1\",\"channel\":\"web\",\"rating\":" + (i + 1) + "}");
            now = now.plusSeconds(60);
        }
        create("{\"customerId\":\"cust-2\",\"channel\":\"web\",\"rating\":1}");

        ApiResponse response = api.apply(new ApiRequest("GET", "/v1/feedback", Map.of(),
                Map.of("customerId", "cust-1", "limit", "3"), null, false, null));

        assertEquals(200, response.status());
        assertEquals("{\"items\":[" + String.join(",", feedbackJson(5, "09:19:27"), feedbackJson(4, "09:18:27"),
                feedbackJson(3, "09:17:27")) + "]}", response.body());
    }

    @Test
    void rejectsARatingWrittenAsADecimalAndACommentOver2000Characters() {
        ApiResponse response = create("{\"customerId\":\"cust-1\",\"channel\":\"web\",\"rating\":4.0,\"comment\":\""
                + "x".repeat(2001) + "\"}");

        assertEquals(400, response.status());
        assertEquals("[{\"field\":\"rating\",\"message\":\"must be an integer between 1 and 5\"},"
                        + "{\"field\":\"comment\",\"message\":\"must be at most 2000 characters\"}]",
                Json.MAPPER.readTree(response.body()).get("errors").toString());
    }

    @Test
    void rejectsAJsonArrayBodyAndReportsMissingRequiredFields() {
        assertEquals(400, create("[1,2]").status());

        ApiResponse empty = create("{}");
        assertEquals("The request body has 3 invalid fields.", Json.MAPPER.readTree(empty.body()).get("detail").asString());
    }

    @Test
    void answersAStoreFailureWith500ProblemQuotingTheRequestIdButNoStackTrace() {
        FeedbackStore broken = new InMemoryFeedbackStore();
        Function<ApiRequest, ApiResponse> failing = FrameworkFreeHandler.api(new FeedbackOperations(new FeedbackStore() {
            @Override
            public void save(Feedback feedback) {
                throw new IllegalStateException("connection refused: dynamodb.eu-west-1.amazonaws.com");
            }

            @Override
            public Optional<Feedback> find(String id) {
                return broken.find(id);
            }

            @Override
            public List<Feedback> listByCustomer(String customerId, int limit) {
                return broken.listByCustomer(customerId, limit);
            }

            @Override
            public String describe() {
                return "broken";
            }
        }));

        ApiResponse response = failing.apply(new ApiRequest("POST", "/v1/feedback",
                Map.of("Content-Type", "application/json", "X-Request-Id", "req-500"), Map.of(),
                "{\"customerId\":\"cust-1\",\"channel\":\"web\",\"rating\":3}", false, null));

        assertEquals(500, response.status());
        assertEquals("application/problem+json", response.headers().get("Content-Type"));
        assertEquals("req-500", response.headers().get("X-Request-Id"));
        assertFalse(response.body().contains("dynamodb"), "internal details stay in the logs: " + response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void answersAPathBelowAFeedbackWith404() {
        ApiResponse response = api.apply(new ApiRequest("GET", "/v1/feedback/7b1e4c52-8f0a-4d7e-9a57-3f2d1c0b9e61/replies",
                Map.of(), Map.of(), null, false, null));

        assertEquals(404, response.status());
    }

    private ApiResponse create(String json) {
        return api.apply(new ApiRequest("POST", "/v1/feedback", Map.of("content-type", "application/json"),
                Map.of(), json, false, null));
    }

    private String feedbackJson(int n, String time) {
        return "{\"id\":\"7b1e4c52-8f0a-4d7e-9a57-3f2d1c0b9e0" + n + "\",\"customerId\":\"cust-1\",\"channel\":\"web\","
                + "\"rating\":" + n + ",\"createdAt\":\"2026-11-02T" + time + ".000Z\"}";
    }
}
