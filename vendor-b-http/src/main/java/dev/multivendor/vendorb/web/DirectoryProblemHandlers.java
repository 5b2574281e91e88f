package dev.multivendor.vendorb.web;

import dev.multivendor.vendorb.directory.DirectoryTimeoutException;
import dev.multivendor.vendorb.directory.DirectoryUnavailableException;
import dev.multivendor.vendorb.directory.UnknownCustomerException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The customer directory's outcomes as the contract's 422, 503 and 504 problems. */
final class DirectoryProblemHandlers {

    private DirectoryProblemHandlers() {
    }

    @Singleton
    @Produces
    static class UnknownCustomer implements ExceptionHandler<UnknownCustomerException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, UnknownCustomerException e) {
            return Problems.of(request, HttpStatus.UNPROCESSABLE_ENTITY, Problem.TYPE_BASE + "unknown-customer",
                    "Unknown customer", e.getMessage(), null);
        }
    }

    @Singleton
    @Produces
    static class Unavailable implements ExceptionHandler<DirectoryUnavailableException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DirectoryUnavailableException e) {
            return Problems.of(request, HttpStatus.SERVICE_UNAVAILABLE, Problem.TYPE_BASE + "dependency-unavailable",
                            "Customer directory unavailable",
                            "The customer directory is not answering; the ticket was not created. Retry later.", null)
                    .header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
    }

    @Singleton
    @Produces
    static class Timeout implements ExceptionHandler<DirectoryTimeoutException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DirectoryTimeoutException e) {
            return Problems.of(request, HttpStatus.GATEWAY_TIMEOUT, Problem.TYPE_BASE + "dependency-timeout",
                    "Customer directory timed out", "The customer directory did not answer within "
                            + e.timeoutMillis() + " ms; the ticket was not created.", null);
        }
    }
}
