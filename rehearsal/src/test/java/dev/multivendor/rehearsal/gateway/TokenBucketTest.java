package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * API Gateway's throttling: a token bucket with the burst as its size, refilled at the rate ("Throttle requests to
 * your REST APIs", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsABurstThroughThenOnlyTheSteadyRate() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);
        assertTrue(bucket.tryAcquire(0));
        assertTrue(bucket.tryAcquire(0));
        assertTrue(bucket.tryAcquire(0));
        assertFalse(bucket.tryAcquire(0), "the burst is spent");
        assertTrue(bucket.tryAcquire(SECOND / 2), "one token back after half a second at 2/s");
        assertFalse(bucket.tryAcquire(SECOND / 2));
    }

    @Test
    void neverHoldsMoreThanTheBurstHowLongItRests() {
        TokenBucket bucket = new TokenBucket(100, 2, 0);
        assertTrue(bucket.tryAcquire(60 * SECOND));
        assertTrue(bucket.tryAcquire(60 * SECOND));
        assertFalse(bucket.tryAcquire(60 * SECOND));
    }
}
