package dev.multivendor.contracts.kit;

/**
 * One thing wrong with an onboarding kit.
 *
 * @param source  the file (or other source) the kit was read from, as given
 * @param line    the line of the field in that file (1 when the kit is not valid JSON at all or the line is unknown)
 * @param pointer the field as a JSON pointer (RFC 6901), e.g. {@code /stages/dev/invokeUrl}; "" for the whole kit
 * @param message what is wrong, in words, with what is expected
 */
public record KitProblem(String source, int line, String pointer, String message) {

    /** {@code file:line: field /pointer: message}, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + (pointer.isEmpty() ? "the kit" : "field " + pointer) + ": " + message;
    }
}
