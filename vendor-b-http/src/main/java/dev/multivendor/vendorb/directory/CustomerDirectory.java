package dev.multivendor.vendorb.directory;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks customers up in the customer directory, vendor B's downstream dependency, through Micronaut's HTTP client.
 *
 * <p>Every outcome is bounded in time: the client's connect and read timeouts bound each attempt; connection
 * failures and 5xx answers are retried (the lookup is an idempotent GET) at most {@code max-attempts} times with
 * a short backoff; a read timeout is not retried, because a slow directory only gets slower with more load and the
 * caller would wait several timeouts; and after {@code failure-threshold} failed lookups in a row the circuit
 * opens and lookups fail at once, without touching the network, until a trial lookup succeeds.
 */
@Singleton
public class CustomerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerDirectory.class);

    private final BlockingHttpClient client;
    private final DirectorySettings settings;
    private final CircuitBreaker breaker;
    private final long readTimeoutMillis;

    public CustomerDirectory(@Client(id = "customer-directory") HttpClient client, DirectorySettings settings,
                             DirectoryCircuit circuit,
                             @Value("${micronaut.http.services.customer-directory.read-timeout:2s}")
                             Duration readTimeout) {
        this.client = client.toBlocking();
        this.settings = settings;
        this.breaker = circuit.breaker();
        this.readTimeoutMillis = readTimeout.toMillis();
    }

    /**
     * The customer's tier.
     *
     * @throws UnknownCustomerException when the directory does not know the customer
     * @throws DirectoryUnavailableException when the directory fails or the circuit is open
     * @throws DirectoryTimeoutException when the directory does not answer in time
     */
    public Tier tierOf(String customerId, String requestId) {
        long waitSeconds = breaker.tryAcquire();
        if (waitSeconds > 0) {
            throw new DirectoryUnavailableException("The customer directory circuit is open.", waitSeconds);
        }
        HttpRequest<?> request = HttpRequest.GET(UriBuilder.of("/customers").path(customerId).build())
                .header("X-Request-Id", requestId);
        String lastFailure = "";
        for (int attempt = 1; attempt <= settings.getMaxAttempts(); attempt++) {
            try {
                CustomerRecord record = client.retrieve(request, CustomerRecord.class);
                Tier tier = record == null ? null : Tier.fromWire(record.tier()).orElse(null);
                if (tier == null) {
                    // A contract break on the directory's side: not worth retrying.
                    lastFailure = "answered an unknown tier";
                    break;
                }
                breaker.onSuccess();
                return tier;
            } catch (HttpClientResponseException e) {
                if (e.getStatus() == HttpStatus.NOT_FOUND) {
                    breaker.onSuccess(); // the directory works; the customer does not exist
                    throw new UnknownCustomerException(customerId);
                }
                lastFailure = "answered " + e.getStatus().getCode();
                if (e.getStatus().getCode() < 500) {
                    break; // 4xx other than 404: our request is wrong; a retry would be too
                }
            } catch (ReadTimeoutException e) {
                breaker.onFailure();
                LOG.warn("requestId={} customer directory timed out after {} ms (attempt {})",
                        requestId, readTimeoutMillis, attempt);
                throw new DirectoryTimeoutException(readTimeoutMillis);
            } catch (HttpClientException e) {
                lastFailure = "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt < settings.getMaxAttempts()) {
                pause(settings.getRetryBackoff().multipliedBy(1L << (attempt - 1)));
            }
        }
        breaker.onFailure();
        LOG.warn("requestId={} customer directory {}; circuit {}", requestId, lastFailure, breaker.state());
        throw new DirectoryUnavailableException("The customer directory " + lastFailure + ".",
                Math.max(1, breaker.secondsUntilTrial()));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailableException("Interrupted while retrying the customer directory.", 1);
        }
    }
}
