package dev.multivendor.vendorb.tickets;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps tickets in memory, at most {@code tickets.store.max-entries} (oldest dropped first) so that a long load
 * test cannot exhaust the heap. A production fork replaces this bean with a database-backed one (e.g. DynamoDB);
 * nothing else needs to change.
 */
@Singleton
public class TicketStore {

    private final Map<UUID, Ticket> tickets;

    public TicketStore(@Value("${tickets.store.max-entries:100000}") int maxEntries) {
        this.tickets = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Ticket> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized void save(Ticket ticket) {
        tickets.put(ticket.id(), ticket);
    }

    public synchronized Optional<Ticket> find(UUID id) {
        return Optional.ofNullable(tickets.get(id));
    }
}
