package dev.multivendor.vendorb.tickets;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** The ticket table's queries, generated at compile time by Micronaut Data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TicketRepository extends GenericRepository<TicketRow, UUID> {

    /** Inserts the row (its id is assigned by the application, so this is always an INSERT). */
    TicketRow save(TicketRow row);

    Optional<TicketRow> findById(UUID id);

    long count();
}
