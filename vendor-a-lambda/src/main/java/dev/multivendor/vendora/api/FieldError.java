package dev.multivendor.vendora.api;

/** One invalid field of a 400 problem document: {@code field} names it as a JSON path, e.g. {@code rating}. */
public record FieldError(String field, String message) {
}
