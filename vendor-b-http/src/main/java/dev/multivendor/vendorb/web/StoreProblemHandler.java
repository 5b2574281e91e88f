package dev.multivendor.vendorb.web;

import dev.multivendor.vendorb.tickets.TicketStoreUnavailableException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The ticket database failing or too slow: a 503 problem, never the driver's message or a stack trace. */
@Singleton
@Produces
class StoreProblemHandler implements ExceptionHandler<TicketStoreUnavailableException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TicketStoreUnavailableException e) {
        String detail = request.getMethod() == HttpMethod.POST
                ? "The ticket database is not answering; the ticket was not created. Retry later."
                : "The ticket database is not answering. Retry later.";
        return Problems.of(request, HttpStatus.SERVICE_UNAVAILABLE, Problem.TYPE_BASE + "dependency-unavailable",
                        "Ticket database unavailable", detail, null)
                .header("Retry-After", "1");
    }
}
