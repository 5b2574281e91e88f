package dev.multivendor.rehearsal.gateway;

/**
 * What the gateway did with one request, for observers (the rehearsal's load report): which API, stage and
 * deployment served it, through which integration, with what status and latency.
 *
 * @param apiId           the API (empty when none matched)
 * @param stage           the stage
 * @param deploymentId    the deployment that served it (empty when none)
 * @param method          the request method
 * @param path            the request path below the stage
 * @param resourcePath    the matched resource, empty when none matched
 * @param status          the status returned to the client
 * @param integrationType AWS_PROXY, HTTP_PROXY, MOCK, or empty when the gateway answered itself
 * @param integrationUri  the integration URI, empty when the gateway answered itself
 * @param gatewayError    API Gateway's own error (e.g. {@code MISSING_AUTHENTICATION_TOKEN}, {@code THROTTLED},
 *                        {@code NOT_IMPLEMENTED}); empty when the integration answered
 * @param startNanos      {@link System#nanoTime()} when the request arrived
 * @param latencyNanos    time to the response
 */
public record ServedRequest(String apiId, String stage, String deploymentId, String method, String path,
                            String resourcePath, int status, String integrationType, String integrationUri,
                            String gatewayError, long startNanos, long latencyNanos) {
}
