package dev.multivendor.publisher.cli;

/** A wrong or missing flag; the message says which and how to fix it. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
