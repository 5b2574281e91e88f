package dev.multivendor.vendora.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers in insertion order, and a UTF-8 body (JSON or empty). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** A copy with one more header (replacing an existing one of the same name). */
    public ApiResponse withHeader(String name, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }
}
