package dev.multivendor.vendorb;

import dev.multivendor.vendorb.directory.DirectoryCircuit;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Health for the gateway's and a load balancer's probes. Liveness: the process answers. Readiness: it takes
 * traffic, and stops doing so as soon as shutdown begins so a load balancer drains it. Readiness deliberately does
 * not depend on the customer directory: if it did, a directory outage would take every instance out of service,
 * including the reads that do not need the directory. The circuit state is reported for operators.
 * A small controller rather than micronaut-management, whose extra beans cost start-up time for two booleans.
 */
@Controller("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthController {

    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final DirectoryCircuit circuit;

    public HealthController(DirectoryCircuit circuit) {
        this.circuit = circuit;
    }

    /** A probe's answer. */
    @Serdeable
    public record Health(String status, String customerDirectoryCircuit) {
    }

    @Get
    public HttpResponse<Health> health() {
        return readiness();
    }

    @Get("/liveness")
    public HttpResponse<Health> liveness() {
        return HttpResponse.ok(new Health("UP", null));
    }

    @Get("/readiness")
    public HttpResponse<Health> readiness() {
        Health health = new Health(accepting.get() ? "UP" : "DOWN", circuit.state().name());
        return accepting.get() ? HttpResponse.ok(health) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(health);
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        accepting.set(false);
    }
}
