package dev.multivendor.vendorb.directory;

/** The customer directory failed, or its circuit is open: answered as 503 with {@code Retry-After}. */
public final class DirectoryUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public DirectoryUnavailableException(String message, long retryAfterSeconds) {
        // No stack trace: this is an expected outcome, logged in one line, never shown to the client.
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
