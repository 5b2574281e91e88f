package dev.multivendor.vendorb.directory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A small consecutive-failure circuit breaker: after {@code failureThreshold} failed calls in a row it opens and
 * refuses calls for {@code openFor}; then it lets one trial call through (half-open) and closes on its success or
 * opens again on its failure. Written out instead of micronaut-retry's {@code @CircuitBreaker} because that one
 * opens after a single failed call (with its retries), which is too eager for a directory that occasionally
 * resets a connection, and because the state must be visible to produce an honest {@code Retry-After}.
 */
public final class CircuitBreaker {

    /** The breaker's state, for logs and tests. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    private int consecutiveFailures;
    private long openedAt;
    private State state = State.CLOSED;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Asks to make a call. Returns 0 when the call may go ahead, otherwise the whole seconds (at least 1) until
     * the breaker lets a trial call through.
     */
    public synchronized long tryAcquire() {
        if (state == State.OPEN) {
            long elapsed = nanoClock.getAsLong() - openedAt;
            if (elapsed < openForNanos) {
                return ceilSeconds(openForNanos - elapsed);
            }
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return 1;
            }
            trialInFlight = true;
        }
        return 0;
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Seconds until the breaker lets a trial through; 0 when it is not open. */
    public synchronized long secondsUntilTrial() {
        if (state != State.OPEN) {
            return 0;
        }
        long remaining = openForNanos - (nanoClock.getAsLong() - openedAt);
        return remaining <= 0 ? 0 : ceilSeconds(remaining);
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
