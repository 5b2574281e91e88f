package dev.multivendor.vendorb.tickets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /v1/tickets} (contract schema {@code NewTicket}). Unknown properties are rejected because
 * the contract says {@code additionalProperties: false}; priority stays a string here so that a wrong value is
 * reported as a field error rather than as unreadable JSON.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewTicket(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9-]{1,64}$", message = "must be 1 to 64 letters, digits or hyphens")
        String customerId,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 4000) String description,
        @Nullable @Pattern(regexp = "^(low|normal|high|urgent)$", message = "must be one of low, normal, high, urgent")
        String priority) {

    /** The priority, {@code normal} when the client sent none. */
    public Priority priorityOrDefault() {
        return Priority.fromWire(priority);
    }
}
