package dev.multivendor.vendora;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.multivendor.contracts.tables.TableSchema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Local (Maven Central's com.amazonaws:DynamoDBLocal) in this JVM, in memory, on a free loopback port.
 * Needs sqlite4java's native library: the build copies it to target/native-libs (sqlite4java.library.path).
 */
final class DynamoDbLocal implements AutoCloseable {

    static final String REGION = "eu-west-1";
    // DynamoDB Local accepts any credentials; the SDK still signs requests with them.
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static DynamoDbLocal start() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            System.setProperty("sqlite4java.library.path", "target/native-libs");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        return new DynamoDbLocal(server, port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates the table from the one definition vendor A's infrastructure stack also creates it from. */
    void createFeedbackTable(String name) {
        TableSchema schema = TableSchema.FEEDBACK;
        try (DynamoDbClient client = client()) {
            client.createTable(table -> table.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(schema.attributes().stream()
                            .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                            .toList())
                    .keySchema(keySchema(schema.partitionKey(), schema.sortKey()))
                    .globalSecondaryIndexes(schema.globalSecondaryIndexes().stream()
                            .map(index -> GlobalSecondaryIndex.builder()
                                    .indexName(index.name())
                                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                                    .projection(Projection.builder().projectionType(index.projection()).build())
                                    .build())
                            .toList()));
        }
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, Optional<String> sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        sortKey.ifPresent(key -> keys.add(KeySchemaElement.builder().attributeName(key).keyType(KeyType.RANGE).build()));
        return keys;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
