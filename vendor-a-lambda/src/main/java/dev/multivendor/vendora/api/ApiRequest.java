package dev.multivendor.vendora.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the API sees it, independent of how it arrived (API Gateway event, local HTTP server).
 *
 * @param method    upper-case HTTP method
 * @param path      request path without the stage, e.g. {@code /v1/feedback/7b1e...}
 * @param headers   request headers; look-ups are case-insensitive
 * @param query     single-valued query parameters (API Gateway's {@code queryStringParameters})
 * @param body      the body as received, empty when there is none
 * @param base64Encoded whether {@code body} is base64 (API Gateway encodes binary media types)
 * @param gatewayRequestId API Gateway's own request id, used as X-Request-Id when the client sent none
 */
public record ApiRequest(String method, String path, Map<String, String> headers, Map<String, String> query,
                         String body, boolean base64Encoded, String gatewayRequestId) {

    /** The header that carries the request id, in requests and responses. */
    public static final String REQUEST_ID = "X-Request-Id";

    public ApiRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null ? "" : path;
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    caseInsensitive.put(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(caseInsensitive);
        query = query == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(query));
        body = body == null ? "" : body;
    }

    /** The body's bytes, base64-decoded when needed; {@link IllegalArgumentException} for invalid base64. */
    public byte[] bodyBytes() {
        return base64Encoded ? Base64.getDecoder().decode(body.strip()) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** This request's X-Request-Id (after {@link RequestHandling} resolved it: always present). */
    public String requestId() {
        return headers.get(REQUEST_ID);
    }

    /** A copy carrying the resolved request id, so operations and problem documents see the same one. */
    public ApiRequest withRequestId(String requestId) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(REQUEST_ID, requestId);
        return new ApiRequest(method, path, copy, query, body, base64Encoded, gatewayRequestId);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
