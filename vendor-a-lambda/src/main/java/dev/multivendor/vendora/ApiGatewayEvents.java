package dev.multivendor.vendora;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.multivendor.vendora.api.ApiRequest;
import dev.multivendor.vendora.api.ApiResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates API Gateway REST proxy events (payload format 1.0) to and from the API's own request and response.
 *
 * <p>The event arrives as the JSON tree (a {@code Map}) rather than as {@code APIGatewayProxyRequestEvent}: Spring
 * Cloud Function reads AWS event classes with {@code aws-lambda-java-serialization}, a 3.8 MB jar that alone would
 * have pushed the artifact past its 20 MB budget; reading the handful of fields we use from the tree needs nothing.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    public static ApiRequest toApiRequest(Map<String, Object> event) {
        Object context = event.get("requestContext");
        String gatewayRequestId = context instanceof Map<?, ?> map && map.get("requestId") instanceof String id ? id : null;
        return new ApiRequest(text(event.get("httpMethod")), text(event.get("path")),
                singleValued(event.get("headers"), event.get("multiValueHeaders")),
                singleValued(event.get("queryStringParameters"), event.get("multiValueQueryStringParameters")),
                text(event.get("body")), Boolean.TRUE.equals(event.get("isBase64Encoded")), gatewayRequestId);
    }

    public static APIGatewayProxyResponseEvent toResponseEvent(ApiResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(new HashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(false);
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    // API Gateway fills both maps; hand-written events may carry only one of them, so fall back.
    private static Map<String, String> singleValued(Object single, Object multi) {
        Map<String, String> result = new HashMap<>();
        if (single instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    result.put(name.toString(), value.toString());
                }
            });
        } else if (multi instanceof Map<?, ?> map) {
            map.forEach((name, values) -> {
                if (name != null && values instanceof List<?> list && !list.isEmpty() && list.get(0) != null) {
                    result.put(name.toString(), list.get(0).toString());
                }
            });
        }
        return result;
    }
}
