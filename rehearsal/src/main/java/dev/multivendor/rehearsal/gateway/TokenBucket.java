package dev.multivendor.rehearsal.gateway;

/**
 * API Gateway's throttling algorithm for one method of one stage: a bucket of {@code burst} tokens refilled at
 * {@code rate} tokens per second; a request takes one token or is throttled (429).
 */
final class TokenBucket {

    private final double rate;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, long nowNanos) {
        this.rate = Math.max(0, rate);
        this.capacity = Math.max(0, burst);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) / 1e9 * rate);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
