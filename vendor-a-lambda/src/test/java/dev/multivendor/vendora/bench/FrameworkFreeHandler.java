package dev.multivendor.vendora.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.multivendor.vendora.ApiGatewayEvents;
import dev.multivendor.vendora.api.ApiRequest;
import dev.multivendor.vendora.api.ApiResponse;
import dev.multivendor.vendora.api.FeedbackOperations;
import dev.multivendor.vendora.api.FeedbackRoutes;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.api.RequestHandling;
import dev.multivendor.vendora.store.FeedbackStores;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's baseline: the same operations, routes and request handling as the Spring Cloud Function handler,
 * with only aws-lambda-java-core and Jackson around them. Not shipped (test sources): it exists to show what the
 * framework costs. {@link FrameworkFreeHandlerTest} proves it answers like the real handler.
 */
public final class FrameworkFreeHandler implements RequestStreamHandler {

    private final Function<ApiRequest, ApiResponse> api =
            api(new FeedbackOperations(FeedbackStores.fromEnvironment(System::getenv)));

    /** The API without a framework: {@link FeedbackRoutes} picks the operation, {@link RequestHandling} wraps it. */
    public static Function<ApiRequest, ApiResponse> api(FeedbackOperations operations) {
        Map<String, Function<ApiRequest, ApiResponse>> byName = Map.of(
                FeedbackRoutes.CREATE, operations::createFeedback,
                FeedbackRoutes.LIST, operations::listFeedback,
                FeedbackRoutes.GET, operations::getFeedback,
                FeedbackRoutes.ROUTE_NOT_FOUND, FeedbackRoutes::routeNotFound,
                FeedbackRoutes.METHOD_NOT_ALLOWED, FeedbackRoutes::methodNotAllowed);
        return RequestHandling.handled(request ->
                byName.get(FeedbackRoutes.operationFor(request.method(), request.path())).apply(request));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Map<String, Object> event = Json.MAPPER.readValue(input, Map.class);
        ApiResponse response = api.apply(ApiGatewayEvents.toApiRequest(event));
        Map<String, Object> proxyResponse = new LinkedHashMap<>();
        proxyResponse.put("statusCode", response.status());
        proxyResponse.put("headers", response.headers());
        proxyResponse.put("body", response.body());
        proxyResponse.put("isBase64Encoded", false);
        Json.MAPPER.writeValue(output, proxyResponse);
    }
}
