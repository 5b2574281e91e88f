package dev.multivendor.publisher;

/** A control-plane call failed for good: not retryable, or still failing when its retries ran out. */
public final class ControlPlaneException extends RuntimeException {

    private final String call;
    private final int attempts;
    private final boolean retryable;

    ControlPlaneException(String call, int attempts, boolean retryable, String reason) {
        super(call + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + reason,
                null, false, false);
        this.call = call;
        this.attempts = attempts;
        this.retryable = retryable;
    }

    /** The call, e.g. {@code PutRestApi PUT /restapis/a1b2c3d4e5}. */
    public String call() {
        return call;
    }

    public int attempts() {
        return attempts;
    }

    /** True when the failure was transient (throttling, 5xx, connection) and a later rerun may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
