package dev.multivendor.vendora;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.FeedbackRouter;
import dev.multivendor.vendora.store.InMemoryFeedbackStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SnapStartPrimingTest {

    @Test
    void primesTheFunctionWithAReadOnlyRequestBeforeTheSnapshot() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackRouter router = FeedbackRouter.of(new FeedbackOperations(store));
        List<Map<String, Object>> seen = new ArrayList<>();
        Function<Map<String, Object>, APIGatewayProxyResponseEvent> api = event -> {
            seen.add(event);
            return ApiGatewayEvents.toResponseEvent(router.apply(ApiGatewayEvents.toApiRequest(event)));
        };
        SnapStartPriming priming = new SnapStartPriming(api);
        assertNull(priming.lastPrimingStatus());

        priming.beforeCheckpoint(null);

        assertEquals(404, priming.lastPrimingStatus(), "the store answered: nothing there, nothing written");
        assertEquals("GET", seen.get(0).get("httpMethod"));
        assertEquals(List.of(), store.listByCustomer("cust-1042", 100));
    }
}
