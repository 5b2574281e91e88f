package dev.multivendor.publisher;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;

/**
 * The four API Gateway control-plane calls a vendor release makes on its own API, each with bounded, jittered
 * retries. Nothing else: the vendor's core-account identity is allowed GET/PUT/POST on its API and nothing more
 * (no PATCH on stages, see the README).
 */
public final class ControlPlane implements AutoCloseable {

    private final ApiGatewayClient client;
    private final RetryPolicy policy;
    private final Time time;
    private final Random random;
    private final Consumer<String> log;

    public ControlPlane(ApiGatewayClient client, RetryPolicy policy, Time time, Random random, Consumer<String> log) {
        this.client = client;
        this.policy = policy;
        this.time = time;
        this.random = random;
        this.log = log;
    }

    /**
     * An API Gateway client signing for {@code region} with the given credentials. The SDK's own retries are off:
     * {@link ControlPlane} retries with jitter and bounds that suit the shared quotas, and counts every attempt.
     */
    public static ApiGatewayClient client(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        ApiGatewayClientBuilder builder = ApiGatewayClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** GetStage: the deployment the stage serves now, empty when the stage does not exist yet. */
    public Optional<String> currentDeployment(String apiId, String stage) {
        return call("GetStage GET /restapis/" + apiId + "/stages/" + stage, () -> {
            try {
                return Optional.ofNullable(client.getStage(r -> r.restApiId(apiId).stageName(stage)).deploymentId());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** GetExport: the definition the stage serves now, with its integrations, to roll back to. */
    public byte[] exportStage(String apiId, String stage) {
        return call("GetExport GET /restapis/" + apiId + "/stages/" + stage + "/exports/oas30", () ->
                client.getExport(r -> r.restApiId(apiId).stageName(stage).exportType("oas30")
                        .parameters(Map.of("extensions", "integrations"))
                        .accepts("application/json")).body().asByteArray());
    }

    /** PutRestApi, mode overwrite, failing on warnings: replaces the API's definition. Idempotent. */
    public void importDefinition(String apiId, byte[] document) {
        call("PutRestApi PUT /restapis/" + apiId, () -> client.putRestApi(r -> r.restApiId(apiId)
                .mode(PutMode.OVERWRITE).failOnWarnings(true).body(SdkBytes.fromByteArray(document))));
    }

    /** CreateDeployment: snapshots the definition and points the stage at it; returns the deployment id. */
    public String createDeployment(String apiId, String stage, String description) {
        return call("CreateDeployment POST /restapis/" + apiId + "/deployments", () -> client.createDeployment(r -> r
                .restApiId(apiId).stageName(stage).description(description)).id());
    }

    private <T> T call(String name, Supplier<T> operation) {
        long started = time.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (SdkException e) {
                Failure failure = classify(e);
                if (!failure.retryable) {
                    throw new ControlPlaneException(name, attempt, false, failure.reason);
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new ControlPlaneException(name, attempt, true, failure.reason + " (retries exhausted)");
                }
                Duration delay = policy.delayBefore(attempt, failure.retryAfter, random::nextDouble);
                Duration elapsed = Duration.ofNanos(time.nanoTime() - started);
                if (elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
                    throw new ControlPlaneException(name, attempt, true, failure.reason + " (gave up after "
                            + elapsed.toSeconds() + " s)");
                }
                log.accept("  " + name + ": " + failure.reason + "; retry " + attempt + "/" + (policy.maxAttempts() - 1)
                        + " in " + delay.toMillis() + " ms");
                try {
                    time.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ControlPlaneException(name, attempt, true, "interrupted while backing off");
                }
            }
        }
    }

    private record Failure(boolean retryable, String reason, Optional<Duration> retryAfter) {
    }

    static Failure classify(SdkException e) {
        if (e instanceof TooManyRequestsException throttled) {
            return new Failure(true, "429 TooManyRequestsException (throttled by the account's shared quota)",
                    retryAfter(throttled.retryAfterSeconds()));
        }
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage();
            String reason = status + " " + (code == null || code.isBlank() ? "error" : code)
                    + (message == null || message.isBlank() ? "" : ": " + message);
            if (status == 429 || status >= 500) {
                return new Failure(true, reason, Optional.empty());
            }
            if (status == 401 || status == 403) {
                reason += " (the credentials in use are not allowed to do this on this API: check the role and the API id)";
            }
            return new Failure(false, reason, Optional.empty());
        }
        if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new Failure(true, "no response (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")", Optional.empty());
        }
        return new Failure(false, e.getMessage(), Optional.empty());
    }

    private static Optional<Duration> retryAfter(String seconds) {
        try {
            return seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(seconds.trim())));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
