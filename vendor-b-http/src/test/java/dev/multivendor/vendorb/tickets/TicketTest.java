package dev.multivendor.vendorb.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multivendor.vendorb.directory.Tier;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketTest {

    private static final Instant OPENED = Instant.parse("2026-11-02T09:15:27Z");
    private static final UUID ID = UUID.fromString("5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f");
    private static final NewTicket REQUEST = new NewTicket("cust-1042", "Parcel", "Not received", "high");

    @Test
    void setsTheDeadlineFromTheTierAsTheContractExampleShows() {
        Ticket ticket = Ticket.open(ID, REQUEST, Tier.GOLD, OPENED);

        assertEquals("2026-11-02T09:15:27Z", ticket.createdAt());
        assertEquals("2026-11-02T13:15:27Z", ticket.responseDueBy());
        assertEquals("gold", ticket.customerTier());
        assertEquals("open", ticket.status());
        assertEquals("high", ticket.priority());
    }

    @Test
    void givesStandardCustomersADayAndPlatinumCustomersAnHour() {
        assertEquals("2026-11-03T09:15:27Z", Ticket.open(ID, REQUEST, Tier.STANDARD, OPENED).responseDueBy());
        assertEquals("2026-11-02T10:15:27Z", Ticket.open(ID, REQUEST, Tier.PLATINUM, OPENED).responseDueBy());
    }

    @Test
    void defaultsAMissingPriorityToNormal() {
        NewTicket noPriority = new NewTicket("cust-1042", "Parcel", "Not received", null);

        assertEquals("normal", Ticket.open(ID, noPriority, Tier.GOLD, OPENED).priority());
    }

    @Test
    void becomesATableRowWithTimestampsAndComesBackUnchanged() {
        Ticket ticket = Ticket.open(ID, REQUEST, Tier.GOLD, OPENED);

        TicketRow row = TicketRow.of(ticket);

        assertEquals(OPENED, row.createdAt());
        assertEquals(Instant.parse("2026-11-02T13:15:27Z"), row.responseDueBy());
        assertEquals(ticket, row.toTicket());
    }
}
