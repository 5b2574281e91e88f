package dev.multivendor.vendora;

import dev.multivendor.contracts.tables.TableSchema;
import dev.multivendor.vendora.api.Feedback;
import dev.multivendor.vendora.store.DynamoDbFeedbackStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The DynamoDB store against DynamoDB Local, with the table schema the infra module creates. */
class DynamoDbFeedbackStoreIT {

    private static DynamoDbLocal dynamoDb;
    private static DynamoDbClient client;
    private static DynamoDbFeedbackStore store;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createFeedbackTable("feedback-store-it");
        client = dynamoDb.client();
        store = new DynamoDbFeedbackStore(client, "feedback-store-it");
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        client.close();
        dynamoDb.close();
    }

    @Test
    void usesTheKeyAndIndexNamesOfTheSharedTableSchema() {
        assertEquals(TableSchema.FEEDBACK.partitionKey(), DynamoDbFeedbackStore.PARTITION_KEY);
        assertEquals(DynamoDbFeedbackStore.CUSTOMER_INDEX,
                TableSchema.FEEDBACK.index(DynamoDbFeedbackStore.CUSTOMER_INDEX).name());
    }

    @Test
    void readsBackWhatItSavedIncludingAMissingComment() {
        Feedback withComment = feedback("11111111-1111-4111-8111-111111111111", "cust-a", "2026-11-02T09:15:27.000Z", "ok");
        Feedback withoutComment = feedback("22222222-2222-4222-8222-222222222222", "cust-a", "2026-11-02T09:16:27.000Z", null);
        store.save(withComment);
        store.save(withoutComment);

        assertEquals(Optional.of(withComment), store.find(withComment.id()));
        assertEquals(Optional.of(withoutComment), store.find(withoutComment.id()));
        assertEquals(Optional.empty(), store.find("33333333-3333-4333-8333-333333333333"));
    }

    @Test
    void listsOneCustomersFeedbackNewestFirstUpToTheLimit() {
        for (int minute = 10; minute < 15; minute++) {
            store.save(feedback("44444444-4444-4444-8444-4444444444" + minute, "cust-b",
                    "2026-11-02T09:" + minute + ":00.000Z", null));
        }
        store.save(feedback("55555555-5555-4555-8555-555555555555", "cust-other", "2026-11-02T09:59:00.000Z", null));

        List<Feedback> newest = store.listByCustomer("cust-b", 3);

        assertEquals(List.of("2026-11-02T09:14:00.000Z", "2026-11-02T09:13:00.000Z", "2026-11-02T09:12:00.000Z"),
                newest.stream().map(Feedback::createdAt).toList());
        assertEquals(List.of(), store.listByCustomer("cust-nobody", 20));
    }

    @Test
    void refusesToOverwriteAnExistingId() {
        Feedback first = feedback("66666666-6666-4666-8666-666666666666", "cust-c", "2026-11-02T09:15:27.000Z", null);
        store.save(first);

        assertThrows(ConditionalCheckFailedException.class, () -> store.save(first));
    }

    private static Feedback feedback(String id, String customerId, String createdAt, String comment) {
        return new Feedback(id, customerId, "web", 3, comment, createdAt);
    }
}
