package dev.multivendor.contracts.tables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A DynamoDB table's keys and indexes as plain data, defined once for the code that creates the table (a vendor's
 * infrastructure stack, the tests' DynamoDB Local) and the code that reads and writes it. Names and types follow
 * DynamoDB's CreateTable request (KeySchema, AttributeDefinitions, GlobalSecondaryIndexes); only key attributes are
 * declared, as DynamoDB requires. On-demand billing (PAY_PER_REQUEST) is implied: no throughput settings.
 *
 * @param partitionKey           the table's hash key
 * @param sortKey                the table's range key, if any
 * @param attributes             every attribute used in a key of the table or of an index, with its type
 * @param globalSecondaryIndexes the table's global secondary indexes
 */
public record TableSchema(String partitionKey, Optional<String> sortKey, List<Attribute> attributes,
                          List<Index> globalSecondaryIndexes) {

    /** A key attribute: its name and DynamoDB scalar type, {@code S}, {@code N} or {@code B}. */
    public record Attribute(String name, String type) {
        public Attribute {
            if (!Set.of("S", "N", "B").contains(type)) {
                throw new IllegalArgumentException("attribute " + name + ": type must be S, N or B, got " + type);
            }
        }
    }

    /** A global secondary index; {@code projection} is DynamoDB's ProjectionType (ALL, KEYS_ONLY, INCLUDE). */
    public record Index(String name, String partitionKey, Optional<String> sortKey, String projection) {
    }

    /**
     * Vendor A's feedback table: key {@code id}; index {@code customerId-createdAt} answers "a customer's feedback,
     * newest first" with one Query.
     */
    public static final TableSchema FEEDBACK = new TableSchema("id", Optional.empty(),
            List.of(new Attribute("id", "S"), new Attribute("customerId", "S"), new Attribute("createdAt", "S")),
            List.of(new Index("customerId-createdAt", "customerId", Optional.of("createdAt"), "ALL")));

    public TableSchema {
        attributes = List.copyOf(attributes);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        Set<String> declared = attributes.stream().map(Attribute::name).collect(Collectors.toSet());
        Set<String> keys = Stream.concat(Stream.concat(Stream.of(partitionKey), sortKey.stream()),
                        globalSecondaryIndexes.stream().flatMap(i -> Stream.concat(Stream.of(i.partitionKey()),
                                i.sortKey().stream())))
                .collect(Collectors.toSet());
        // DynamoDB refuses both an undeclared key attribute and a declared attribute no key uses.
        if (!declared.equals(keys)) {
            throw new IllegalArgumentException("attributes " + declared + " must be exactly the key attributes " + keys);
        }
    }

    /** The index called {@code name}. */
    public Index index(String name) {
        return globalSecondaryIndexes.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + name));
    }

    /** The type of key attribute {@code name}. */
    public String typeOf(String name) {
        Objects.requireNonNull(name, "name");
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key attribute " + name));
    }
}
