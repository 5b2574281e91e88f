package dev.multivendor.vendorb.directory;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Resilience settings for calls to the customer directory ({@code customer-directory.*}). The URL and the
 * connect/read timeouts are the HTTP client's own settings under {@code micronaut.http.services.customer-directory}.
 */
@ConfigurationProperties("customer-directory")
public class DirectorySettings {

    /** Attempts per lookup, the first included; only connection failures and 5xx are retried. */
    private int maxAttempts = 3;
    /** Pause before the second attempt, doubled for each further one. */
    private Duration retryBackoff = Duration.ofMillis(50);
    /** Failed lookups in a row that open the circuit. */
    private int failureThreshold = 5;
    /** How long an open circuit refuses calls before letting one trial through. */
    private Duration openFor = Duration.ofSeconds(10);

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public Duration getOpenFor() {
        return openFor;
    }

    public void setOpenFor(Duration openFor) {
        this.openFor = openFor;
    }
}
