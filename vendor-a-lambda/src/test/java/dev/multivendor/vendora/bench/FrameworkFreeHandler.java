package dev.multivendor.vendora.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.multivendor.vendora.ApiGatewayEvents;
import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.FeedbackRouter;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.store.FeedbackStores;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The benchmark's baseline: the same operations as the Spring Cloud Function handler, with only
 * aws-lambda-java-core and Jackson around them. Not shipped (test sources): it exists to show what the framework
 * costs. {@link FrameworkFreeHandlerTest} proves it answers exactly like the real handler.
 */
public final class FrameworkFreeHandler implements RequestStreamHandler {

    private final FeedbackRouter router =
            FeedbackRouter.of(new FeedbackOperations(FeedbackStores.fromEnvironment(System::getenv)));

    @Override
    @SuppressWarnings("unchecked")
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Map<String, Object> event = Json.MAPPER.readValue(input, Map.class);
        Json.MAPPER.writeValue(output, ApiGatewayEvents.toResponseEvent(router.apply(ApiGatewayEvents.toApiRequest(event))));
    }
}
