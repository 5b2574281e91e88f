package dev.multivendor.vendora.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * One stored feedback, the contract's {@code Feedback} schema.
 *
 * @param createdAt ISO-8601 UTC with milliseconds ({@link FeedbackOperations#TIMESTAMP}): fixed width, so it sorts as text
 *                  (the DynamoDB index's sort key relies on that)
 */
// No comment means no "comment" property: the contract's comment is a string, never null.
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Feedback(String id, String customerId, String channel, int rating, String comment, String createdAt) {

    public Feedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
