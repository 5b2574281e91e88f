package dev.multivendor.vendora;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.multivendor.vendora.Lambda.body;
import static dev.multivendor.vendora.Lambda.event;
import static dev.multivendor.vendora.Lambda.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Lambda handler configured with FEEDBACK_TABLE, end to end against DynamoDB Local. */
class DynamoDbFunctionIT {

    private static DynamoDbLocal dynamoDb;
    private static Lambda lambda;

    @BeforeAll
    static void startTheFunctionOnDynamoDbLocal() throws Exception {
        dynamoDb = DynamoDbLocal.start();
        dynamoDb.createFeedbackTable("feedback-function-it");
        // Spring's Environment reads system properties like environment variables; the SDK reads aws.* ones.
        System.setProperty("FEEDBACK_TABLE", "feedback-function-it");
        System.setProperty("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        System.setProperty("AWS_REGION", DynamoDbLocal.REGION);
        System.setProperty("aws.accessKeyId", DynamoDbLocal.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", DynamoDbLocal.SECRET_KEY);
        lambda = Lambda.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (String name : List.of("FEEDBACK_TABLE", "DYNAMODB_ENDPOINT", "AWS_REGION", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(name);
        }
        dynamoDb.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void createsReadsAndListsFeedbackInTheTable() {
        Map<String, Object> created = body(lambda.invoke("create-feedback.json"));
        Map<String, Object> get = event("get-feedback-unknown.json");
        get.put("path", "/v1/feedback/" + created.get("id"));

        Map<String, Object> read = lambda.invoke(get);
        Map<String, Object> list = lambda.invoke("list-feedback.json");

        assertEquals(200, status(read));
        assertEquals(created, body(read));
        assertEquals(List.of(created), body(list).get("items"));
    }

    @Test
    void answersAnUnknownIdWith404FromTheTable() {
        assertEquals(404, status(lambda.invoke("get-feedback-unknown.json")));
    }
}
