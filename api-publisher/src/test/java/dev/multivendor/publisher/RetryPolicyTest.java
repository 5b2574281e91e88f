package dev.multivendor.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void drawsEachDelayUniformlyBelowADoublingCeilingCappedAtMaxDelay() {
        assertEquals(Duration.ofMillis(100), policy.delayBefore(1, Optional.empty(), () -> 1.0));
        assertEquals(Duration.ofMillis(400), policy.delayBefore(3, Optional.empty(), () -> 1.0));
        assertEquals(Duration.ofSeconds(1), policy.delayBefore(5, Optional.empty(), () -> 1.0));
        assertEquals(Duration.ofSeconds(1), policy.delayBefore(500, Optional.empty(), () -> 1.0), "no overflow");
        assertEquals(Duration.ZERO, policy.delayBefore(3, Optional.empty(), () -> 0.0), "full jitter reaches zero");
    }

    @Test
    void spreadsDelaysAcrossTheWholeRange() {
        Random random = new Random(7);
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.delayBefore(6, Optional.empty(), random::nextDouble);
            assertTrue(d.compareTo(Duration.ofSeconds(1)) <= 0);
            below += d.compareTo(Duration.ofMillis(500)) < 0 ? 1 : 0;
        }
        assertTrue(below > 400 && below < 600, "about half below the midpoint, got " + below);
    }

    @Test
    void neverRetriesSoonerThanRetryAfter() {
        assertEquals(Duration.ofSeconds(3), policy.delayBefore(1, Optional.of(Duration.ofSeconds(3)), () -> 0.5));
        assertEquals(Duration.ofMillis(800), policy.delayBefore(5, Optional.of(Duration.ofMillis(10)), () -> 0.8));
    }

    @Test
    void scalesEveryDurationForTheBenchmark() {
        RetryPolicy fast = RetryPolicy.defaults().scaledDown(5);
        assertEquals(Duration.ofMillis(50), fast.baseDelay());
        assertEquals(Duration.ofMillis(400), fast.maxDelay());
        assertEquals(Duration.ofMinutes(1), fast.maxElapsed());
        assertEquals(RetryPolicy.defaults().maxAttempts(), fast.maxAttempts());
    }
}
