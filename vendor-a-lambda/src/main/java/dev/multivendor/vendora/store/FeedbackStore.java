package dev.multivendor.vendora.store;

import dev.multivendor.vendora.api.Feedback;

import java.util.List;
import java.util.Optional;

/** Where feedback lives: DynamoDB in AWS, memory for local runs. */
public interface FeedbackStore {

    void save(Feedback feedback);

    Optional<Feedback> find(String id);

    /** The customer's feedback, newest first, at most {@code limit} items. */
    List<Feedback> listByCustomer(String customerId, int limit);

    /** A short description for the start-up log, e.g. {@code DynamoDB table feedback}. */
    String describe();
}
