package dev.multivendor.rehearsal;

/** A rehearsal step failed: the message names the step and says what went wrong (no stack trace in the table). */
public final class StepFailure extends RuntimeException {

    public StepFailure(String message) {
        super(message);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
