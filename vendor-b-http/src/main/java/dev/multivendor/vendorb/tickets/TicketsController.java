package dev.multivendor.vendorb.tickets;

import dev.multivendor.vendorb.directory.CustomerDirectory;
import dev.multivendor.vendorb.directory.Tier;
import dev.multivendor.vendorb.web.Problem;
import dev.multivendor.vendorb.web.Problems;
import dev.multivendor.vendorb.web.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The contract's operations: {@code createTicket} and {@code getTicket}. */
@Controller("/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketsController {

    private final CustomerDirectory directory;
    private final TicketStore store;
    private final Clock clock;

    public TicketsController(CustomerDirectory directory, TicketStore store, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    /** Runs on the blocking executor because it waits for the customer directory and the database. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> createTicket(@Body @Valid NewTicket ticket, HttpRequest<?> request) {
        if (request.getContentType().isEmpty()) {
            // Micronaut reads a body without Content-Type as JSON; the contract requires the header.
            return Problems.of(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
        }
        Tier tier = directory.tierOf(ticket.customerId(), RequestIds.of(request));
        Ticket created = Ticket.open(UUID.randomUUID(), ticket, tier,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        store.save(created);
        return HttpResponse.status(HttpStatus.CREATED)
                .header("Location", "/v1/tickets/" + created.id())
                .body(created);
    }

    /** On the blocking executor too: it waits for the database. */
    @Get("/{ticketId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> getTicket(@PathVariable String ticketId, HttpRequest<?> request) {
        UUID id;
        try {
            id = UUID.fromString(ticketId);
        } catch (IllegalArgumentException e) {
            return Problems.badRequest(request, List.of(new Problem.FieldError("ticketId", "must be a UUID")));
        }
        if (!id.toString().equalsIgnoreCase(ticketId)) {
            // UUID.fromString accepts short forms such as 1-1-1-1-1; the contract's format does not.
            return Problems.badRequest(request, List.of(new Problem.FieldError("ticketId", "must be a UUID")));
        }
        return store.find(id)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problems.of(request, HttpStatus.NOT_FOUND, "No ticket with id " + ticketId + "."));
    }
}
