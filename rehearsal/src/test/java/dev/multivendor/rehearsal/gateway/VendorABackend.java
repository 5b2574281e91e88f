package dev.multivendor.rehearsal.gateway;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.multivendor.contracts.tables.TableSchema;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

/**
 * Vendor A's own account, as far as its function needs it: the feedback table in DynamoDB Local (Maven Central's
 * {@code com.amazonaws:DynamoDBLocal}, in this JVM, in memory), and the function's configuration as vendor A's
 * infrastructure stack sets it (handler, {@code FEEDBACK_TABLE}, {@code MAIN_CLASS}).
 */
final class VendorABackend implements AutoCloseable {

    /** The handler vendor A's infrastructure stack configures (VendorALambdaStack.HANDLER). */
    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    static final String TABLE = "vendor-a-feedback";
    static final String FUNCTION = "arn:aws:lambda:" + MotoControlPlane.REGION + ":222222222222:function:vendor-a-feedback";

    private final DynamoDBProxyServer server;
    private final int port;

    private VendorABackend(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static VendorABackend start() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            // The build copies sqlite4java's native library there (rehearsal/pom.xml, copy-sqlite4java-natives).
            System.setProperty("sqlite4java.library.path", "target/native-libs");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        VendorABackend backend = new VendorABackend(server, port);
        backend.createTable();
        return backend;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A published version of the function behind an alias, allowed to be invoked from {@code apiId} only. */
    LambdaFunction function(String alias, Path artifact, String apiId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FEEDBACK_TABLE", TABLE);
        env.put("MAIN_CLASS", "dev.multivendor.vendora.FeedbackApplication");
        env.put("DYNAMODB_ENDPOINT", endpoint().toString());
        // Lambda hands the function its role's temporary credentials; DynamoDB Local accepts any.
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        // As vendor A's stack configures it: 29 s timeout, SnapStart on published versions.
        return new LambdaFunction(FUNCTION + ":" + alias, artifact, HANDLER, env, Set.of(apiId), 2,
                LambdaFunction.LAMBDA_JVM_OPTIONS, Duration.ofSeconds(29), true);
    }

    private void createTable() {
        TableSchema schema = TableSchema.FEEDBACK;
        try (DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.of(MotoControlPlane.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            client.createTable(t -> t.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(schema.attributes().stream()
                            .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                            .toList())
                    .keySchema(KeySchemaElement.builder().attributeName(schema.partitionKey()).keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(schema.globalSecondaryIndexes().stream()
                            .map(i -> GlobalSecondaryIndex.builder()
                                    .indexName(i.name())
                                    .keySchema(java.util.stream.Stream.concat(
                                            java.util.stream.Stream.of(KeySchemaElement.builder().attributeName(i.partitionKey())
                                                    .keyType(KeyType.HASH).build()),
                                            i.sortKey().stream().map(k -> KeySchemaElement.builder().attributeName(k)
                                                    .keyType(KeyType.RANGE).build())).toList())
                                    .projection(Projection.builder().projectionType(i.projection()).build())
                                    .build())
                            .toList()));
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
