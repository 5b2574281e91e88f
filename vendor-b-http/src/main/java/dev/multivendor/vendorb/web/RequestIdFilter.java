package dev.multivendor.vendorb.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.UUID;

/**
 * Gives every request an {@code X-Request-Id} (the client's, or a new UUID) and echoes it on every response,
 * errors included. Runs first, so that even a refused request's problem carries the id. An id that breaks the
 * contract's pattern is refused with 400: it would otherwise land unescaped in logs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> assignRequestId(HttpRequest<?> request) {
        String sent = request.getHeaders().get(RequestIds.HEADER);
        boolean valid = sent != null && RequestIds.VALID.matcher(sent).matches();
        request.setAttribute(RequestIds.ATTRIBUTE, valid ? sent : UUID.randomUUID().toString());
        if (sent != null && !valid) {
            return Problems.badRequest(request, List.of(new Problem.FieldError(RequestIds.HEADER,
                    "must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' or '-'")));
        }
        return null;
    }

    @ResponseFilter
    public void echoRequestId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(RequestIds.HEADER, RequestIds.of(request));
    }
}
