package dev.multivendor.vendora;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, one harmless API Gateway event (a read of a
 * feedback id that cannot exist) takes the path every request takes in {@code FunctionInvoker}: the adapter's event
 * message, the routing function and its callback, the event conversion, the operation, the DynamoDB client, the
 * proxy response. Its classes are then loaded and its first-call work done in the snapshot instead of on a
 * customer's first request. Lambda's Java runtime implements the org.crac API; elsewhere registering does nothing.
 */
public final class SnapStartPriming implements Resource {

    /** All zeros: a valid UUID that {@code UUID.randomUUID()} never returns (version bits are 0). */
    static final String PRIMING_PATH = "/v1/feedback/00000000-0000-0000-0000-000000000000";

    private final FunctionCatalog catalog;
    private final JsonMapper jsonMapper;
    private final String definition;
    private volatile Map<?, ?> lastPrimingResponse;

    SnapStartPriming(FunctionCatalog catalog, JsonMapper jsonMapper, String definition) {
        this.catalog = catalog;
        this.jsonMapper = jsonMapper;
        this.definition = definition;
    }

    static SnapStartPriming register(FunctionCatalog catalog, JsonMapper jsonMapper, String definition) {
        SnapStartPriming priming = new SnapStartPriming(catalog, jsonMapper, definition);
        // org.crac keeps only a weak reference: the Spring context holds the strong one (this is a bean).
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        byte[] event = jsonMapper.toJson(Map.of("httpMethod", "GET", "path", PRIMING_PATH, "resource", "/v1/feedback/{feedbackId}",
                "headers", Map.of("X-Request-Id", "snapstart-priming"),
                "requestContext", Map.of("requestId", "snapstart-priming")));
        // What FunctionInvoker.handleRequest does with an event, through the same public adapter API.
        FunctionInvocationWrapper function = catalog.lookup(definition, "application/json");
        Message<byte[]> request = AWSLambdaUtils.generateMessage(event, function.getInputType(), function.isSupplier(), jsonMapper);
        Object output = function.apply(request);
        byte[] response = AWSLambdaUtils.generateOutputFromObject(request, output, jsonMapper, function.getOutputType());
        lastPrimingResponse = jsonMapper.fromJson(new String(response, StandardCharsets.UTF_8), Map.class);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from the restored environment on the SDK's next call.
    }

    /** The proxy response the priming request got (a 404 from the store), or null before any checkpoint. */
    Map<?, ?> lastPrimingResponse() {
        return lastPrimingResponse;
    }
}
