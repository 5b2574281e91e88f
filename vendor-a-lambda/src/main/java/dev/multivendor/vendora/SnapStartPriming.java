package dev.multivendor.vendora;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.Map;
import java.util.function.Function;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, run one harmless request through it
 * (a read of a feedback id that cannot exist), so routing, JSON and the DynamoDB client's classes are loaded and
 * their first-call work is done before the snapshot instead of on a customer's first request.
 * Lambda's Java runtime implements the org.crac API; elsewhere the registration does nothing.
 */
public final class SnapStartPriming implements Resource {

    /** All zeros: a valid UUID that {@code UUID.randomUUID()} never returns (version bits are 0). */
    static final String PRIMING_PATH = "/v1/feedback/00000000-0000-0000-0000-000000000000";

    private final Function<Map<String, Object>, APIGatewayProxyResponseEvent> api;
    private volatile Integer lastPrimingStatus;

    SnapStartPriming(Function<Map<String, Object>, APIGatewayProxyResponseEvent> api) {
        this.api = api;
    }

    static SnapStartPriming register(Function<Map<String, Object>, APIGatewayProxyResponseEvent> api) {
        SnapStartPriming priming = new SnapStartPriming(api);
        // org.crac keeps only a weak reference: the Spring context holds the strong one (this is a bean).
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Map<String, Object> event = Map.of("httpMethod", "GET", "path", PRIMING_PATH,
                "headers", Map.of("X-Request-Id", "snapstart-priming"));
        lastPrimingStatus = api.apply(event).getStatusCode();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from the restored environment on the SDK's next call.
    }

    /** The status the priming request got (404 when the store answered), or null before any checkpoint. */
    Integer lastPrimingStatus() {
        return lastPrimingStatus;
    }
}
