package dev.multivendor.vendorb.directory;

/** The customer directory did not answer within the read timeout: answered as 504. */
public final class DirectoryTimeoutException extends RuntimeException {

    private final long timeoutMillis;

    public DirectoryTimeoutException(long timeoutMillis) {
        super("The customer directory did not answer within " + timeoutMillis + " ms.", null, false, false);
        this.timeoutMillis = timeoutMillis;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
