package dev.multivendor.vendorb.web;

import io.micronaut.http.HttpRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code X-Request-Id} convention: what a valid id is, and where this service keeps the request's id. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Same pattern as the contract's {@code RequestId} parameter. */
    public static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
    static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {
    }

    /** The request's id as set by {@link RequestIdFilter}; generates one for a request that never passed it. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
