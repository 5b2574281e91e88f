package dev.multivendor.vendorb.directory;

import io.micronaut.serde.annotation.Serdeable;

/** What the customer directory answers for {@code GET /customers/{id}}; unknown extra fields are ignored. */
@Serdeable
public record CustomerRecord(String id, String tier) {
}
