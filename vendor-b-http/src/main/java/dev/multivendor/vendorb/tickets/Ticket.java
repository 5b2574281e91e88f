package dev.multivendor.vendorb.tickets;

import dev.multivendor.vendorb.directory.Tier;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A support ticket as the contract's {@code Ticket} schema shows it. */
@Serdeable
public record Ticket(
        UUID id,
        String customerId,
        String subject,
        String description,
        String priority,
        String status,
        String customerTier,
        String createdAt,
        String responseDueBy) {

    public static Ticket open(UUID id, NewTicket request, Tier tier, Instant createdAt) {
        return new Ticket(id, request.customerId(), request.subject(), request.description(),
                request.priorityOrDefault().wireName(), "open", tier.wireName(),
                createdAt.toString(), createdAt.plus(tier.firstResponseWithin()).toString());
    }
}
