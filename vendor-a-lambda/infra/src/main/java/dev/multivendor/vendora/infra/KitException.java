package dev.multivendor.vendora.infra;

/** An onboarding kit the stack refuses, with a message naming the file, line and field (no stack trace needed). */
public final class KitException extends Exception {

    public KitException(String message) {
        super(message);
    }
}
