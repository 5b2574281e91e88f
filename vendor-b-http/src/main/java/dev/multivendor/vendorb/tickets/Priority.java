package dev.multivendor.vendorb.tickets;

import java.util.Locale;

/** A ticket's priority; serialized in lower case as in the contract. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    /** The contract's spelling. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Priority fromWire(String value) {
        return value == null ? NORMAL : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
