package dev.multivendor.vendorb.directory;

import jakarta.inject.Singleton;

/**
 * The customer directory's circuit breaker as a bean of its own, so that health probes can report its state
 * without creating the HTTP client (which would add the client's start-up to the first probe).
 */
@Singleton
public class DirectoryCircuit {

    private final CircuitBreaker breaker;

    public DirectoryCircuit(DirectorySettings settings) {
        this.breaker = new CircuitBreaker(settings.getFailureThreshold(), settings.getOpenFor(), System::nanoTime);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public CircuitBreaker.State state() {
        return breaker.state();
    }
}
