package dev.multivendor.vendora.api;

import dev.multivendor.vendora.store.FeedbackStore;
import tools.jackson.core.JacksonException;

import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The contract's three operations ({@code createFeedback}, {@code listFeedback}, {@code getFeedback}), each a plain
 * {@code ApiRequest -> ApiResponse} function with no framework in it: Spring Cloud Function registers them, and
 * the framework-free benchmark baseline calls the very same code.
 */
public final class FeedbackOperations {

    /** Fixed-width UTC timestamps with milliseconds: sortable as text (DynamoDB sort key). */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The contract's PayloadTooLarge example: 16 KiB. */
    public static final int MAX_BODY_BYTES = 16_384;

    static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final Set<String> CHANNELS = Set.of("web", "app", "store", "contact-centre");
    static final Set<String> NEW_FEEDBACK_FIELDS = Set.of("customerId", "channel", "rating", "comment");
    static final int MAX_COMMENT_LENGTH = 2000;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final FeedbackStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public FeedbackOperations(FeedbackStore store, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    public FeedbackOperations(FeedbackStore store) {
        this(store, Clock.systemUTC(), UUID::randomUUID);
    }

    /** POST /v1/feedback: 201 with the stored feedback and its Location. */
    public ApiResponse createFeedback(ApiRequest request) {
        String contentType = request.header("Content-Type");
        if (!isJson(contentType)) {
            return Problems.problem(415, "Content-Type must be application/json.", request);
        }
        byte[] body;
        try {
            body = request.bodyBytes();
        } catch (IllegalArgumentException e) {
            return Problems.problem(400, "The request body is marked base64 but is not valid base64.", request);
        }
        if (body.length > MAX_BODY_BYTES) {
            return Problems.problem(413, "The request body must be at most " + MAX_BODY_BYTES + " bytes.", request);
        }
        if (body.length == 0) {
            return Problems.problem(400, "The request body is empty; it must be a JSON object.", request);
        }
        Object parsed;
        try {
            parsed = Json.MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            // The parser's message quotes the input; keep the caller-facing detail generic and short.
            return Problems.problem(400, "The request body is not valid JSON.", request);
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            return Problems.problem(400, "The request body must be a JSON object.", request);
        }
        List<FieldError> errors = validateNewFeedback(fields);
        if (!errors.isEmpty()) {
            String detail = "The request body has " + errors.size() + " invalid field" + (errors.size() == 1 ? "." : "s.");
            return Problems.problem(400, detail, request, errors);
        }
        Feedback feedback = new Feedback(ids.get().toString(), (String) fields.get("customerId"),
                (String) fields.get("channel"), ((Number) fields.get("rating")).intValue(),
                (String) fields.get("comment"), TIMESTAMP.format(clock.instant()));
        store.save(feedback);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Location", "/v1/feedback/" + feedback.id());
        return new ApiResponse(201, headers, Json.write(feedback));
    }

    /** GET /v1/feedback?customerId=&limit=: the customer's feedback, newest first. */
    public ApiResponse listFeedback(ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String customerId = request.query().get("customerId");
        if (customerId == null) {
            errors.add(new FieldError("customerId", "is required"));
        } else if (!CUSTOMER_ID.matcher(customerId).matches()) {
            errors.add(new FieldError("customerId", "must be 1 to 64 letters, digits or hyphens"));
        }
        int limit = DEFAULT_LIMIT;
        String limitText = request.query().get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                if (limit < 1 || limit > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) {
            String detail = "The query has " + errors.size() + " invalid parameter" + (errors.size() == 1 ? "." : "s.");
            return Problems.problem(400, detail, request, errors);
        }
        return json(200, Map.of("items", store.listByCustomer(customerId, limit)));
    }

    /** GET /v1/feedback/{feedbackId}: 404 when there is none, 400 when the id is not a UUID. */
    public ApiResponse getFeedback(ApiRequest request) {
        String feedbackId = request.path().substring(request.path().lastIndexOf('/') + 1);
        if (!UUID_TEXT.matcher(feedbackId).matches()) {
            return Problems.problem(400, "The feedback id must be a UUID.", request,
                    List.of(new FieldError("feedbackId", "must be a UUID")));
        }
        return store.find(feedbackId.toLowerCase(Locale.ROOT))
                .map(feedback -> json(200, feedback))
                .orElseGet(() -> Problems.problem(404, "No feedback with id " + feedbackId + ".", request));
    }

    static List<FieldError> validateNewFeedback(Map<?, ?> fields) {
        List<FieldError> errors = new ArrayList<>();
        Object customerId = fields.get("customerId");
        if (customerId == null) {
            errors.add(new FieldError("customerId", "is required"));
        } else if (!(customerId instanceof String text) || !CUSTOMER_ID.matcher(text).matches()) {
            errors.add(new FieldError("customerId", "must be a string of 1 to 64 letters, digits or hyphens"));
        }
        Object channel = fields.get("channel");
        if (channel == null) {
            errors.add(new FieldError("channel", "is required"));
        } else if (!(channel instanceof String text) || !CHANNELS.contains(text)) {
            errors.add(new FieldError("channel", "must be one of web, app, store, contact-centre"));
        }
        Object rating = fields.get("rating");
        if (rating == null) {
            errors.add(new FieldError("rating", "is required"));
        } else if (!isInteger(rating)) {
            errors.add(new FieldError("rating", "must be an integer between 1 and 5"));
        } else if (((Number) rating).longValue() < 1 || ((Number) rating).longValue() > 5
                || rating instanceof BigInteger) {
            errors.add(new FieldError("rating", "must be between 1 and 5"));
        }
        if (fields.containsKey("comment")) {
            Object comment = fields.get("comment");
            if (!(comment instanceof String text)) {
                errors.add(new FieldError("comment", "must be a string"));
            } else if (text.codePointCount(0, text.length()) > MAX_COMMENT_LENGTH) {
                errors.add(new FieldError("comment", "must be at most " + MAX_COMMENT_LENGTH + " characters"));
            }
        }
        fields.keySet().stream().map(String::valueOf).filter(name -> !NEW_FEEDBACK_FIELDS.contains(name)).sorted()
                .forEach(name -> errors.add(new FieldError(name, "is not a known field")));
        return errors;
    }

    private static boolean isInteger(Object value) {
        // Floats arrive as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS): 4.0 is not an integer in JSON Schema terms.
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static ApiResponse json(int status, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new ApiResponse(status, headers, Json.write(body));
    }
}
