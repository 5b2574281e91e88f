package dev.multivendor.vendorb.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses; every error this service sends goes through here. */
public final class Problems {

    private static final MediaType PROBLEM_JSON = MediaType.of(Problem.MEDIA_TYPE);

    private Problems() {
    }

    /** An {@code about:blank} problem whose title is the status's reason phrase. */
    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String detail) {
        return of(request, status, Problem.ABOUT_BLANK, status.getReason(), detail, null);
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, HttpStatus status, String type,
                                                  String title, String detail, List<Problem.FieldError> errors) {
        return fill(request, HttpResponse.status(status), status, type, title, detail, errors);
    }

    /** Puts a problem body into an existing response (as the error response processor must). */
    @SuppressWarnings("unchecked")
    static MutableHttpResponse<Problem> fill(HttpRequest<?> request, MutableHttpResponse<?> response,
                                             HttpStatus status, String type, String title, String detail,
                                             List<Problem.FieldError> errors) {
        String requestId = RequestIds.of(request);
        Problem problem = new Problem(type, title, status.getCode(), detail, request.getPath(), requestId, errors);
        MutableHttpResponse<Problem> typed = (MutableHttpResponse<Problem>) response.status(status);
        typed.header(RequestIds.HEADER, requestId);
        if (request.getMethod() == io.micronaut.http.HttpMethod.HEAD) {
            return typed; // HEAD responses carry no body
        }
        return typed.body(problem).contentType(PROBLEM_JSON);
    }

    /** A 400 problem listing the invalid fields. */
    public static MutableHttpResponse<Problem> badRequest(HttpRequest<?> request, List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? "The request has 1 invalid field."
                : "The request has " + errors.size() + " invalid fields.";
        return of(request, HttpStatus.BAD_REQUEST, Problem.ABOUT_BLANK, HttpStatus.BAD_REQUEST.getReason(), detail,
                errors);
    }
}
