package dev.multivendor.vendorb.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An RFC 9457 problem document, shaped as the contract's {@code Problem} schema. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable String requestId,
        @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";
    /** Base of this API's problem type URIs, as the contract names them. */
    public static final String TYPE_BASE = "https://api.multivendor.dev/problems/";

    /** One invalid field of a 400 problem. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
