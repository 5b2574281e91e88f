package dev.multivendor.vendora.store;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.function.Function;

/** Chooses the store from the environment, so the same artifact runs in Lambda, against DynamoDB Local, or alone. */
public final class FeedbackStores {

    /** The DynamoDB table's name; unset means the in-memory store. */
    public static final String TABLE_VARIABLE = "FEEDBACK_TABLE";
    /** Optional endpoint override, e.g. {@code http://127.0.0.1:8000} for DynamoDB Local. */
    public static final String ENDPOINT_VARIABLE = "DYNAMODB_ENDPOINT";

    private FeedbackStores() {
    }

    /** @param env looks up a variable by name (System::getenv, or a Spring Environment's getProperty) */
    public static FeedbackStore fromEnvironment(Function<String, String> env) {
        String table = env.apply(TABLE_VARIABLE);
        if (table == null || table.isBlank()) {
            return new InMemoryFeedbackStore();
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // The JDK's HttpURLConnection: the lightest sync client to load (no Apache, no Netty).
                .httpClient(UrlConnectionHttpClient.create());
        String region = env.apply("AWS_REGION");
        if (region != null && !region.isBlank()) {
            // Skips the SDK's region provider chain (profile files, instance metadata) at cold start.
            builder.region(Region.of(region));
        }
        String endpoint = env.apply(ENDPOINT_VARIABLE);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new DynamoDbFeedbackStore(builder.build(), table);
    }
}
