package dev.multivendor.vendorb.directory;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The customer directory's circuit breaker as a bean of its own, so that health probes can report its state
 * without creating the HTTP client (which would add the client's start-up to the first probe).
 */
@Singleton
public class DirectoryCircuit {

    private final CircuitBreaker breaker;

    public DirectoryCircuit(DirectorySettings settings, Clock clock) {
        // The application's clock, so a test can move time on instead of sleeping through the open period.
        this.breaker = new CircuitBreaker(settings.getFailureThreshold(), settings.getOpenFor(),
                () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public CircuitBreaker.State state() {
        return breaker.state();
    }
}
