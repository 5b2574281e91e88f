package dev.multivendor.vendora.store;

import dev.multivendor.vendora.api.Feedback;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feedback in one DynamoDB table. Key: {@code id}. The global secondary index {@value #CUSTOMER_INDEX}
 * ({@code customerId}, {@code createdAt}) serves "a customer's feedback, newest first" with one Query.
 * The infra module creates the table with exactly these names.
 */
public final class DynamoDbFeedbackStore implements FeedbackStore {

    public static final String PARTITION_KEY = "id";
    public static final String CUSTOMER_INDEX = "customerId-createdAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbFeedbackStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void save(Feedback feedback) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.fromS(feedback.id()));
        item.put("customerId", AttributeValue.fromS(feedback.customerId()));
        item.put("channel", AttributeValue.fromS(feedback.channel()));
        item.put("rating", AttributeValue.fromN(Integer.toString(feedback.rating())));
        if (feedback.comment() != null) {
            item.put("comment", AttributeValue.fromS(feedback.comment()));
        }
        item.put("createdAt", AttributeValue.fromS(feedback.createdAt()));
        // Ids are random UUIDs: refuse to overwrite rather than silently replace someone else's item.
        dynamoDb.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(id)").build());
    }

    @Override
    public Optional<Feedback> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(tableName)
                .key(Map.of(PARTITION_KEY, AttributeValue.fromS(id))).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toFeedback(item));
    }

    @Override
    public List<Feedback> listByCustomer(String customerId, int limit) {
        var response = dynamoDb.query(QueryRequest.builder().tableName(tableName).indexName(CUSTOMER_INDEX)
                .keyConditionExpression("customerId = :customerId")
                .expressionAttributeValues(Map.of(":customerId", AttributeValue.fromS(customerId)))
                .scanIndexForward(false)
                .limit(limit)
                .build());
        List<Feedback> items = new ArrayList<>(response.count());
        response.items().forEach(item -> items.add(toFeedback(item)));
        return items;
    }

    @Override
    public String describe() {
        return "DynamoDB table " + tableName;
    }

    private static Feedback toFeedback(Map<String, AttributeValue> item) {
        AttributeValue comment = item.get("comment");
        return new Feedback(item.get("id").s(), item.get("customerId").s(), item.get("channel").s(),
                Integer.parseInt(item.get("rating").n()), comment == null ? null : comment.s(),
                item.get("createdAt").s());
    }
}
