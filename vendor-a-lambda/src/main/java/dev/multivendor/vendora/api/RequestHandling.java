package dev.multivendor.vendora.api;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every operation's answer shares: the X-Request-Id (the client's when valid, else API Gateway's, else a new
 * UUID; 400 for a malformed one), a 500 problem document instead of a stack trace, and one log line per request.
 */
public final class RequestHandling {

    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final System.Logger LOG = System.getLogger(RequestHandling.class.getName());

    private RequestHandling() {
    }

    /** {@code operation} with the request id, error and logging handling above around it. */
    public static Function<ApiRequest, ApiResponse> handled(Function<ApiRequest, ApiResponse> operation) {
        return received -> handle(received, operation);
    }

    private static ApiResponse handle(ApiRequest received, Function<ApiRequest, ApiResponse> operation) {
        long start = System.nanoTime();
        String clientRequestId = received.header(ApiRequest.REQUEST_ID);
        boolean validId = clientRequestId == null || REQUEST_ID.matcher(clientRequestId).matches();
        ApiRequest request = received.withRequestId(clientRequestId != null && validId
                ? clientRequestId : generatedRequestId(received));
        ApiResponse response;
        try {
            response = validId ? operation.apply(request)
                    : Problems.problem(400, "X-Request-Id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
                            request, List.of(new FieldError(ApiRequest.REQUEST_ID, "does not match ^[A-Za-z0-9._-]{1,128}$")));
        } catch (RuntimeException e) {
            // The caller gets the request id to quote; the log gets the stack trace.
            LOG.log(Level.ERROR, "requestId=" + request.requestId() + " " + request.method() + " " + request.path()
                    + " failed", e);
            response = Problems.problem(500, "The request could not be completed; quote request id "
                    + request.requestId() + " when reporting it.", request);
        }
        response = response.withHeader(ApiRequest.REQUEST_ID, request.requestId());
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, "requestId=" + request.requestId() + " " + request.method() + " " + request.path()
                    + " -> " + response.status() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return response;
    }

    private static String generatedRequestId(ApiRequest request) {
        // API Gateway's id ties this response to the gateway's access logs; outside the gateway, a fresh UUID.
        String gatewayId = request.gatewayRequestId();
        return gatewayId != null && REQUEST_ID.matcher(gatewayId).matches() ? gatewayId : UUID.randomUUID().toString();
    }
}
