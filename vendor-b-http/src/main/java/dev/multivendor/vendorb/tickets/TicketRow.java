package dev.multivendor.vendorb.tickets;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of the {@code ticket} table (see {@code db/migration}). Kept apart from {@link Ticket}, the API's view, so
 * that the table can keep proper types (timestamps) while the API keeps the contract's strings.
 */
@MappedEntity("ticket")
record TicketRow(
        @Id UUID id,
        String customerId,
        String subject,
        String description,
        String priority,
        String status,
        String customerTier,
        Instant createdAt,
        Instant responseDueBy) {

    static TicketRow of(Ticket ticket) {
        return new TicketRow(ticket.id(), ticket.customerId(), ticket.subject(), ticket.description(),
                ticket.priority(), ticket.status(), ticket.customerTier(), Instant.parse(ticket.createdAt()),
                Instant.parse(ticket.responseDueBy()));
    }

    Ticket toTicket() {
        return new Ticket(id, customerId, subject, description, priority, status, customerTier,
                createdAt.toString(), responseDueBy.toString());
    }
}
