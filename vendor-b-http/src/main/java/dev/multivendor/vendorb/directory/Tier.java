package dev.multivendor.vendorb.directory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A customer's service tier in the customer directory, with its first-response deadline (contract: Ticket). */
public enum Tier {
    STANDARD(Duration.ofHours(24)),
    GOLD(Duration.ofHours(4)),
    PLATINUM(Duration.ofHours(1));

    private final Duration firstResponseWithin;

    Tier(Duration firstResponseWithin) {
        this.firstResponseWithin = firstResponseWithin;
    }

    public Duration firstResponseWithin() {
        return firstResponseWithin;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier the directory names, or empty for a value this service does not know. */
    public static Optional<Tier> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }
}
