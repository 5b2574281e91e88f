package dev.multivendor.vendora.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem documents, as the contract's {@code Problem} schema describes them. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static ApiResponse problem(int status, String detail, ApiRequest request) {
        return problem(status, detail, request, List.of());
    }

    public static ApiResponse problem(int status, String detail, ApiRequest request, List<FieldError> errors) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "about:blank");
        document.put("title", title(status));
        document.put("status", status);
        document.put("detail", detail);
        document.put("instance", request.path());
        document.put("requestId", request.requestId());
        if (!errors.isEmpty()) {
            document.put("errors", errors);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", MEDIA_TYPE);
        return new ApiResponse(status, headers, Json.write(document));
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Internal Server Error";
        };
    }
}
