package dev.multivendor.vendora.api;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Routes a request to one of the contract's operations by method and path, resolves its X-Request-Id, answers
 * unknown routes (404), wrong methods (405, with {@code Allow}) and unexpected failures (500) with problem
 * documents, and logs one line per request carrying the request id.
 */
public final class FeedbackRouter implements Function<ApiRequest, ApiResponse> {

    public static final String CREATE = "createFeedback";
    public static final String LIST = "listFeedback";
    public static final String GET = "getFeedback";

    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String COLLECTION = "/v1/feedback";
    private static final System.Logger LOG = System.getLogger(FeedbackRouter.class.getName());

    private final Map<String, Function<ApiRequest, ApiResponse>> operations;

    /** @param operations the operations by operationId ({@link #CREATE}, {@link #LIST}, {@link #GET}) */
    public FeedbackRouter(Map<String, Function<ApiRequest, ApiResponse>> operations) {
        for (String operationId : new String[] {CREATE, LIST, GET}) {
            Objects.requireNonNull(operations.get(operationId), () -> "missing operation " + operationId);
        }
        this.operations = Map.copyOf(operations);
    }

    /** Wires the router straight to {@link FeedbackOperations}: what the framework-free baseline does. */
    public static FeedbackRouter of(FeedbackOperations operations) {
        return new FeedbackRouter(Map.of(CREATE, operations::createFeedback, LIST, operations::listFeedback,
                GET, operations::getFeedback));
    }

    @Override
    public ApiResponse apply(ApiRequest received) {
        long start = System.nanoTime();
        String clientRequestId = received.header(ApiRequest.REQUEST_ID);
        boolean validId = clientRequestId == null || REQUEST_ID.matcher(clientRequestId).matches();
        ApiRequest request = received.withRequestId(clientRequestId != null && validId
                ? clientRequestId : generatedRequestId(received));
        ApiResponse response;
        try {
            response = validId ? route(request)
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

    private ApiResponse route(ApiRequest request) {
        String path = request.path();
        if (path.equals(COLLECTION)) {
            return switch (request.method()) {
                case "POST" -> operations.get(CREATE).apply(request);
                case "GET" -> operations.get(LIST).apply(request);
                default -> methodNotAllowed(request, "GET, POST");
            };
        }
        if (path.startsWith(COLLECTION + "/") && path.indexOf('/', COLLECTION.length() + 1) < 0
                && path.length() > COLLECTION.length() + 1) {
            return request.method().equals("GET") ? operations.get(GET).apply(request) : methodNotAllowed(request, "GET");
        }
        return Problems.problem(404, "No route for " + request.method() + " " + path + ".", request);
    }

    private static ApiResponse methodNotAllowed(ApiRequest request, String allowed) {
        return Problems.problem(405, request.method() + " is not allowed on " + request.path() + "; use " + allowed + ".",
                request).withHeader("Allow", allowed);
    }

    private static String generatedRequestId(ApiRequest request) {
        // API Gateway's id ties this response to the gateway's access logs; outside the gateway, a fresh UUID.
        String gatewayId = request.gatewayRequestId();
        return gatewayId != null && REQUEST_ID.matcher(gatewayId).matches() ? gatewayId : UUID.randomUUID().toString();
    }
}
