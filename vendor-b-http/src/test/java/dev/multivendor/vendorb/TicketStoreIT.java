package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multivendor.vendorb.directory.Tier;
import dev.multivendor.vendorb.tickets.NewTicket;
import dev.multivendor.vendorb.tickets.Ticket;
import dev.multivendor.vendorb.tickets.TicketStore;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migrations and the store against a real PostgreSQL server, with Micronaut's test support: the context starts
 * on a database created empty for this class, so Flyway's run at start-up is the migration under test.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketStoreIT implements TestPropertyProvider {

    private static final String DATABASE = "ticket_store_it";
    private static final Instant OPENED = Instant.parse("2026-11-02T09:15:27Z");

    @Inject
    TicketStore store;

    @Override
    public Map<String, String> getProperties() {
        TestDatabase.shared().emptyDatabase(DATABASE);
        Map<String, String> properties = new HashMap<>();
        TestDatabase.shared().datasource(DATABASE).forEach((key, value) -> properties.put(key, value.toString()));
        return properties;
    }

    @Test
    void migratesAnEmptyDatabaseToTheTicketTable() throws SQLException {
        try (Connection connection = TestDatabase.shared().connect(DATABASE);
             Statement statement = connection.createStatement()) {
            ResultSet history = statement.executeQuery(
                    "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
            List<String> applied = new ArrayList<>();
            while (history.next()) {
                applied.add(history.getString(1) + ":" + history.getBoolean(2));
            }
            assertEquals(List.of("1:true"), applied);

            ResultSet columns = statement.executeQuery("SELECT column_name, data_type, is_nullable "
                    + "FROM information_schema.columns WHERE table_name = 'ticket' ORDER BY ordinal_position");
            List<String> described = new ArrayList<>();
            while (columns.next()) {
                described.add(columns.getString(1) + " " + columns.getString(2) + " " + columns.getString(3));
            }
            assertEquals(List.of(
                    "id uuid NO",
                    "customer_id character varying NO",
                    "subject character varying NO",
                    "description character varying NO",
                    "priority character varying NO",
                    "status character varying NO",
                    "customer_tier character varying NO",
                    "created_at timestamp with time zone NO",
                    "response_due_by timestamp with time zone NO"), described);
        }
    }

    @Test
    void storesATicketAndReadsTheSameTicketBack() {
        Ticket ticket = ticket("high");

        store.save(ticket);

        assertEquals(Optional.of(ticket), store.find(ticket.id()));
    }

    @Test
    void findsNoTicketForAnIdItNeverStored() {
        assertEquals(Optional.empty(), store.find(UUID.randomUUID()));
    }

    @Test
    void refusesASecondTicketWithTheSameIdAndKeepsTheFirst() {
        Ticket first = ticket("low");
        store.save(first);
        Ticket impostor = new Ticket(first.id(), "cust-9999", "other", "other", "urgent", "open", "platinum",
                first.createdAt(), first.responseDueBy());

        assertThrows(DataAccessException.class, () -> store.save(impostor));

        assertEquals(Optional.of(first), store.find(first.id()));
    }

    @Test
    void refusesARowTheContractForbidsAndWritesNothing() throws SQLException {
        Ticket invalid = new Ticket(UUID.randomUUID(), "cust-1042", "s", "d", "critical", "open", "gold",
                OPENED.toString(), OPENED.toString());

        DataAccessException refused = assertThrows(DataAccessException.class, () -> store.save(invalid));

        assertTrue(refused.getMessage().contains("ticket_priority_check"), refused.getMessage());
        assertEquals(0, rowsWithId(invalid.id()));
    }

    private static Ticket ticket(String priority) {
        return Ticket.open(UUID.randomUUID(), new NewTicket("cust-1042", "Parcel", "Not received", priority),
                Tier.GOLD, OPENED);
    }

    private static int rowsWithId(UUID id) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect(DATABASE);
             var query = connection.prepareStatement("SELECT count(*) FROM ticket WHERE id = ?")) {
            query.setObject(1, id);
            ResultSet result = query.executeQuery();
            result.next();
            return result.getInt(1);
        }
    }
}
