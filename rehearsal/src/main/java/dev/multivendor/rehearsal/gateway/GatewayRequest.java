package dev.multivendor.rehearsal.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client request as the gateway received it, after the {@code /{apiId}/{stage}} prefix.
 *
 * @param requestId           API Gateway's request id ({@code x-amzn-RequestId}, {@code $context.requestId})
 * @param extendedRequestId   the extended id ({@code x-amz-apigw-id})
 * @param method              the HTTP method
 * @param resourceRequestPath the path below the stage, e.g. {@code /v1/tickets/42} (raw, not decoded)
 * @param rawQuery            the raw query string, or null
 * @param headers             request headers in arrival order
 * @param query               query parameters, decoded
 * @param body                the body (empty when none)
 * @param sourceIp            the client's address
 * @param protocol            e.g. {@code HTTP/1.1}
 * @param host                the Host header
 * @param receivedEpochMillis when the request arrived
 */
record GatewayRequest(String requestId, String extendedRequestId, String method, String resourceRequestPath,
                      String rawQuery, Map<String, List<String>> headers, Map<String, List<String>> query, byte[] body,
                      String sourceIp, String protocol, String host, long receivedEpochMillis) {

    Optional<String> firstHeader(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
