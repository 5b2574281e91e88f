package dev.multivendor.rehearsal.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * An open-loop load generator: each target gets requests at a fixed rate whatever the answers' latency (so a slow
 * moment shows up as latency and errors, not as fewer requests), and every answer is checked. Requests and answers
 * are recorded as {@link Sample}s.
 */
public final class LoadGenerator implements AutoCloseable {

    /** What to send to one vendor's API, how often, and how to tell a good answer from a failed request. */
    public record Target(String vendor, double requestsPerSecond, Supplier<HttpRequest> nextRequest,
                         BiFunction<HttpRequest, HttpResponse<String>, Optional<String>> check) {
    }

    /**
     * One request: when it was sent ({@link System#nanoTime()}), its latency, its status (0 when no answer came),
     * and why it counts as failed, if it does.
     */
    public record Sample(String vendor, long sentNanos, long latencyNanos, int status, Optional<String> failure) {
    }

    /** More requests than this in flight for one target and it stops sending to it (and counts the misses). */
    private static final int MAX_IN_FLIGHT = 1_000;

    private final HttpClient client;
    private final ExecutorService clientExecutor;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final java.util.Map<String, AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration timeout;

    public LoadGenerator(Duration timeout) {
        this.timeout = timeout;
        this.clientExecutor = Executors.newFixedThreadPool(8, daemon("load-client"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(clientExecutor)
                .build();
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("load-scheduler"));
    }

    /** Starts sending to every target at its rate until {@link #stop()}. */
    public void start(List<Target> targets) {
        for (Target target : targets) {
            long periodNanos = Math.max(1, Math.round(1e9 / target.requestsPerSecond()));
            scheduler.scheduleAtFixedRate(() -> fire(target), 0, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void fire(Target target) {
        AtomicInteger targetInFlight = inFlight.computeIfAbsent(target.vendor(), v -> new AtomicInteger());
        if (targetInFlight.get() >= MAX_IN_FLIGHT) {
            samples.add(new Sample(target.vendor(), System.nanoTime(), 0, 0, Optional.of("not sent: too many in flight")));
            return;
        }
        HttpRequest request;
        try {
            request = target.nextRequest().get();
        } catch (RuntimeException e) {
            samples.add(new Sample(target.vendor(), System.nanoTime(), 0, 0, Optional.of("no request to send: " + e)));
            return;
        }
        long sent = System.nanoTime();
        targetInFlight.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long latency = System.nanoTime() - sent;
            targetInFlight.decrementAndGet();
            if (error != null) {
                samples.add(new Sample(target.vendor(), sent, latency, 0, Optional.of(error.toString())));
                return;
            }
            Optional<String> failure;
            try {
                failure = target.check().apply(request, response);
            } catch (RuntimeException e) {
                failure = Optional.of("check failed: " + e);
            }
            samples.add(new Sample(target.vendor(), sent, latency, response.statusCode(), failure));
        });
    }

    /** Stops sending and waits (at most the request timeout) for the answers still in flight. */
    public void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.values().stream().anyMatch(n -> n.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Every request so far, in completion order. */
    public List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** A request builder with this generator's timeout. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        clientExecutor.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
