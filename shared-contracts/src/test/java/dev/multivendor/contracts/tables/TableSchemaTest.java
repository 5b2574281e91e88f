package dev.multivendor.contracts.tables;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableSchemaTest {

    @Test
    void theFeedbackTableIsKeyedByIdWithTheCustomerIndexNewestFirst() {
        TableSchema.Index index = TableSchema.FEEDBACK.index("customerId-createdAt");

        assertEquals("id", TableSchema.FEEDBACK.partitionKey());
        assertEquals("customerId", index.partitionKey());
        assertEquals(Optional.of("createdAt"), index.sortKey());
        assertEquals("S", TableSchema.FEEDBACK.typeOf("createdAt"));
    }

    @Test
    void anAttributeNoKeyUsesIsRefusedAsDynamoDbWould() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableSchema("id",
                Optional.empty(), List.of(new TableSchema.Attribute("id", "S"), new TableSchema.Attribute("channel", "S")),
                List.of()));

        assertTrue(e.getMessage().contains("must be exactly the key attributes"), e.getMessage());
    }

    @Test
    void aKeyWithoutItsAttributeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TableSchema("id", Optional.empty(), List.of(),
                List.of()));
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TableSchema.Attribute("id", "STRING"));
    }
}
