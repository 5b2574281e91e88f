package dev.multivendor.vendora.api;

/**
 * Which of the contract's operations answers a method and path, and the answers for requests no operation takes.
 * Plain Java: the Spring Cloud Function routing callback asks it, and so does the framework-free benchmark baseline.
 */
public final class FeedbackRoutes {

    public static final String CREATE = "createFeedback";
    public static final String LIST = "listFeedback";
    public static final String GET = "getFeedback";
    /** Not a contract operation: answers 404 for a path the API does not have. */
    public static final String ROUTE_NOT_FOUND = "routeNotFound";
    /** Not a contract operation: answers 405 (with {@code Allow}) for a known path and another method. */
    public static final String METHOD_NOT_ALLOWED = "methodNotAllowed";

    private static final String COLLECTION = "/v1/feedback";

    private FeedbackRoutes() {
    }

    /** The name of the function that answers {@code method} on {@code path}: an operationId or one of the two above. */
    public static String operationFor(String method, String path) {
        String allowed = allowedMethods(path);
        if (allowed == null) {
            return ROUTE_NOT_FOUND;
        }
        String upper = method == null ? "" : method.toUpperCase(java.util.Locale.ROOT);
        if (path.equals(COLLECTION)) {
            return switch (upper) {
                case "POST" -> CREATE;
                case "GET" -> LIST;
                default -> METHOD_NOT_ALLOWED;
            };
        }
        return upper.equals("GET") ? GET : METHOD_NOT_ALLOWED;
    }

    /** 404 problem: no such path. */
    public static ApiResponse routeNotFound(ApiRequest request) {
        return Problems.problem(404, "No route for " + request.method() + " " + request.path() + ".", request);
    }

    /** 405 problem with the methods the path allows in {@code Allow}. */
    public static ApiResponse methodNotAllowed(ApiRequest request) {
        String allowed = allowedMethods(request.path());
        return Problems.problem(405, request.method() + " is not allowed on " + request.path() + "; use " + allowed + ".",
                request).withHeader("Allow", allowed);
    }

    private static String allowedMethods(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals(COLLECTION)) {
            return "GET, POST";
        }
        boolean oneSegmentBelow = path.startsWith(COLLECTION + "/") && path.length() > COLLECTION.length() + 1
                && path.indexOf('/', COLLECTION.length() + 1) < 0;
        return oneSegmentBelow ? "GET" : null;
    }
}
