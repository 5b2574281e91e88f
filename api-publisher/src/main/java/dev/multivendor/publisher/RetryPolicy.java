package dev.multivendor.publisher;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential backoff with full jitter, for throttled (429) and failed (5xx, connection reset) control
 * plane calls. The quotas are per account and shared by every vendor (CreateDeployment 1 per 5 s, PutRestApi 1 per
 * s: "Amazon API Gateway quotas" in the API Gateway developer guide,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html), so vendors releasing at once will be
 * throttled; full jitter spreads their retries so the freed slot is taken soon without a thundering herd.
 *
 * @param maxAttempts attempts per call, the first included
 * @param baseDelay   upper bound of the first retry's delay; doubles per retry
 * @param maxDelay    cap of the upper bound; well under one CreateDeployment interval, so a waiting vendor notices a
 *                    free slot soon
 * @param maxElapsed  give up on a call when the next retry would start later than this after its first attempt
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxElapsed) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("delays must satisfy 0 <= baseDelay <= maxDelay, maxElapsed >= 0");
        }
    }

    /**
     * 250 ms doubling to a 2 s cap: a throttled vendor retries about once a second, so a freed CreateDeployment
     * slot (one per 5 s) is taken within a fraction of its interval (measured by the quota benchmark; a 5 s cap
     * left 5 vendors at 1.16x the quota floor, 2 s at about 1.1x). 150 attempts / 5 minutes per call cover 20
     * vendors releasing at once (the last one waits ~95 s for its slot).
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(150, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, maxElapsed);
    }

    /** Every duration divided by {@code factor}: the quota benchmark runs time {@code factor} times faster. */
    public RetryPolicy scaledDown(double factor) {
        return new RetryPolicy(maxAttempts, divide(baseDelay, factor), divide(maxDelay, factor), divide(maxElapsed, factor));
    }

    /**
     * The delay before retry number {@code retry} (1 for the first retry): uniform in [0, min(maxDelay,
     * baseDelay * 2^(retry-1))], and never shorter than a Retry-After the service sent.
     */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        long base = baseDelay.toNanos();
        long ceiling = retry - 1 >= 62 || base << (retry - 1) >>> (retry - 1) != base
                ? maxDelay.toNanos()
                : Math.min(maxDelay.toNanos(), base << (retry - 1));
        Duration jittered = Duration.ofNanos((long) (random.getAsDouble() * ceiling));
        return retryAfter.filter(r -> r.compareTo(jittered) > 0).orElse(jittered);
    }

    private static Duration divide(Duration d, double factor) {
        return Duration.ofNanos(Math.round(d.toNanos() / factor));
    }
}
