package dev.multivendor.vendorb.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every error Micronaut produces itself (unknown route, wrong method or media type, malformed JSON, a body
 * over the size limit, an unexpected exception) into a contract problem document. The detail is written here from
 * the status and the kind of failure, never copied from an exception message, so no parser excerpt, class name or
 * stack frame reaches a client.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([A-Za-z0-9_.$-]{1,64})]");

    private final long maxRequestSize;

    public ProblemErrorResponseProcessor(@Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> errors = null;
        String detail;
        switch (status) {
            case BAD_REQUEST -> {
                String unknown = unknownProperty(context);
                if (unknown != null) {
                    errors = List.of(new Problem.FieldError(unknown, "is not a property of this request body"));
                    detail = "The request body has 1 invalid field.";
                } else if (isJsonFailure(context)) {
                    detail = "The request body is not valid JSON for this operation.";
                } else if (context.getErrors().stream().anyMatch(e -> e.getMessage().contains("Required Body"))) {
                    detail = "The request body is required.";
                } else {
                    detail = "The request is malformed.";
                }
            }
            case NOT_FOUND -> detail = "No resource at " + request.getPath() + ".";
            case METHOD_NOT_ALLOWED ->
                    detail = "Method " + request.getMethodName() + " is not allowed on " + request.getPath() + ".";
            case REQUEST_ENTITY_TOO_LARGE ->
                    detail = "The request body must be at most " + maxRequestSize + " bytes.";
            case UNSUPPORTED_MEDIA_TYPE -> detail = "Content-Type must be application/json.";
            case NOT_ACCEPTABLE -> detail = "This API answers application/json only.";
            default -> detail = status.getCode() >= 500
                    ? "The server could not handle the request; it has been logged with the request id."
                    : status.getReason() + ".";
        }
        return Problems.fill(request, response, status, Problem.ABOUT_BLANK, status.getReason(), detail, errors);
    }

    private static boolean isJsonFailure(ErrorContext context) {
        for (Throwable t = context.getRootCause().orElse(null); t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("Json") || name.contains("Serde") || name.contains("Codec")) {
                return true;
            }
        }
        return false;
    }

    private static String unknownProperty(ErrorContext context) {
        for (Throwable t = context.getRootCause().orElse(null); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = UNKNOWN_PROPERTY.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
