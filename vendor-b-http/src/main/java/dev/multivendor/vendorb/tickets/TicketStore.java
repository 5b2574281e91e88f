package dev.multivendor.vendorb.tickets;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets in PostgreSQL. Each operation is one transaction: a ticket is either stored completely or not at all.
 * Every way the database can be unavailable (refused or timed-out connection, statement timeout, socket timeout,
 * server shutting down) becomes a {@link TicketStoreUnavailableException}, answered as a 503 problem; how long each
 * may take is set by the pool and driver settings under {@code datasources.default} (see application.yml). A
 * statement the database refuses (a constraint or a syntax error: SQLSTATE classes 23 and 42) is a defect, not an
 * outage, and is left to surface as a 500.
 */
@Singleton
public class TicketStore {

    private static final Logger LOG = LoggerFactory.getLogger(TicketStore.class);

    private final TicketRepository repository;
    private final TransactionOperations<Connection> transactions;

    TicketStore(TicketRepository repository, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    public void save(Ticket ticket) {
        TicketRow row = TicketRow.of(ticket);
        guarded("store ticket " + ticket.id(), () -> transactions.executeWrite(status -> repository.save(row)));
    }

    public Optional<Ticket> find(UUID id) {
        return guarded("read ticket " + id,
                () -> transactions.executeRead(status -> repository.findById(id)).map(TicketRow::toTicket));
    }

    private static <T> T guarded(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DataAccessException | TransactionException e) {
            if (refusedStatement(e)) {
                throw e;
            }
            throw unavailable(what, e);
        } catch (RuntimeException e) {
            if (sqlCause(e) != null && !refusedStatement(e)) {
                throw unavailable(what, e);
            }
            throw e;
        }
    }

    private static TicketStoreUnavailableException unavailable(String what, RuntimeException e) {
        LOG.warn("ticket database failed to {}: {}", what, rootMessage(e));
        return new TicketStoreUnavailableException("The ticket database failed to " + what + ".", e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static boolean refusedStatement(Throwable e) {
        SQLException sql = sqlCause(e);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("42"));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
