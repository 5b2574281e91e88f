package dev.multivendor.vendora.store;

import dev.multivendor.vendora.api.Feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps feedback in this process only: the default when no table is configured (local runs, benchmarks). */
public final class InMemoryFeedbackStore implements FeedbackStore {

    // Same order as the DynamoDB index: createdAt descending, then id descending for equal timestamps.
    private static final Comparator<Feedback> NEWEST_FIRST =
            Comparator.comparing(Feedback::createdAt).thenComparing(Feedback::id).reversed();

    private final Map<String, Feedback> byId = new ConcurrentHashMap<>();

    @Override
    public void save(Feedback feedback) {
        byId.put(feedback.id(), feedback);
    }

    @Override
    public Optional<Feedback> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Feedback> listByCustomer(String customerId, int limit) {
        List<Feedback> matching = new ArrayList<>();
        for (Feedback feedback : byId.values()) {
            if (feedback.customerId().equals(customerId)) {
                matching.add(feedback);
            }
        }
        matching.sort(NEWEST_FIRST);
        return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
    }

    @Override
    public String describe() {
        return "in-memory store (FEEDBACK_TABLE is not set; data lives only as long as this process)";
    }
}
