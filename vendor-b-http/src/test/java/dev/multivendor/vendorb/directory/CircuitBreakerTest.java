package dev.multivendor.vendorb.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void staysClosedWhileFailuresInARowStayBelowTheThreshold() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();

        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(0, breaker.tryAcquire());
    }

    @Test
    void opensAtTheThresholdAndRefusesWithTheSecondsLeft() {
        fail(3);

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(10, breaker.tryAcquire());
        advance(Duration.ofMillis(7_500));
        assertEquals(3, breaker.tryAcquire());
        assertEquals(3, breaker.secondsUntilTrial());
    }

    @Test
    void letsExactlyOneTrialThroughWhenTheOpenPeriodEnds() {
        fail(3);
        advance(Duration.ofSeconds(10));

        assertEquals(0, breaker.tryAcquire());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertEquals(1, breaker.tryAcquire(), "a second caller must wait for the trial's outcome");
    }

    @Test
    void closesWhenTheTrialSucceeds() {
        fail(3);
        advance(Duration.ofSeconds(10));
        breaker.tryAcquire();

        breaker.onSuccess();

        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(0, breaker.tryAcquire());
        assertEquals(0, breaker.tryAcquire());
    }

    @Test
    void opensAgainForAFullPeriodWhenTheTrialFails() {
        fail(3);
        advance(Duration.ofSeconds(10));
        breaker.tryAcquire();

        breaker.onFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(10, breaker.tryAcquire());
    }

    @Test
    void rejectsAThresholdBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, Duration.ofSeconds(1), now::get));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(0, breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
