package dev.multivendor.vendorb.tickets;

/** The ticket database did not answer in time or refused the connection; the operation had no effect. */
public class TicketStoreUnavailableException extends RuntimeException {

    public TicketStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
