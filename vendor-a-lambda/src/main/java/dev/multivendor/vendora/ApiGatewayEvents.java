package dev.multivendor.vendora;

import dev.multivendor.vendora.api.ApiRequest;
import dev.multivendor.vendora.api.ApiResponse;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.api.RequestHandling;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * API Gateway REST proxy events (payload format 1.0) to and from the API's own request and response, so the
 * operations stay free of AWS and Spring types.
 *
 * <p>Each function takes the event's JSON as bytes and reads it with the API's mapper. Typed as
 * {@code APIGatewayProxyRequestEvent}, the adapter would read it with aws-lambda-java-serialization's own shaded
 * Jackson (some 800 more classes at every cold start, for the eight fields read here); typed as a {@code Map}, the
 * adapter would split a request whose body is a JSON array into one call per element instead of answering 400.
 */
public final class ApiGatewayEvents {

    /** The message header Spring Cloud Function's AWS adapter takes the proxy response's status code from. */
    static final String STATUS_CODE = "statusCode";

    private ApiGatewayEvents() {
    }

    /**
     * An operation as a function for Spring Cloud Function's AWS adapter: the proxy event's JSON in; out a message whose
     * payload is the response body and whose headers are the HTTP headers plus {@value #STATUS_CODE}, from which the
     * adapter writes the proxy response. {@link RequestHandling} around the operation.
     */
    public static Function<byte[], Message<byte[]>> function(Function<ApiRequest, ApiResponse> operation) {
        Function<ApiRequest, ApiResponse> handled = RequestHandling.handled(operation);
        return event -> toMessage(handled.apply(toApiRequest(read(event))));
    }

    /** The event JSON as a tree. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(byte[] event) {
        return Json.MAPPER.readValue(event, Map.class);
    }

    public static Message<byte[]> toMessage(ApiResponse response) {
        return MessageBuilder.withPayload(response.body().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(response.headers())
                .setHeader(STATUS_CODE, response.status())
                .build();
    }

    public static ApiRequest toApiRequest(Map<String, Object> event) {
        Object context = event.get("requestContext");
        String gatewayRequestId = context instanceof Map<?, ?> map && map.get("requestId") instanceof String id ? id : null;
        return new ApiRequest(text(event.get("httpMethod")), text(event.get("path")),
                singleValued(event.get("headers"), event.get("multiValueHeaders")),
                singleValued(event.get("queryStringParameters"), event.get("multiValueQueryStringParameters")),
                text(event.get("body")), Boolean.TRUE.equals(event.get("isBase64Encoded")), gatewayRequestId);
    }

    static String text(Object value) {
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
