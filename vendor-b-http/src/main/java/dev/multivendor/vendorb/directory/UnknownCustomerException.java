package dev.multivendor.vendorb.directory;

/** The customer directory answered 404 for the customer: the request is wrong, the directory is fine (422). */
public final class UnknownCustomerException extends RuntimeException {

    private final String customerId;

    public UnknownCustomerException(String customerId) {
        super("The customer directory has no customer " + customerId + ".", null, false, false);
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
