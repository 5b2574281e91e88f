package dev.multivendor.publisher;

/**
 * One reason a document cannot be published, located as precisely as the source allows.
 *
 * @param source the file or classpath resource the document came from
 * @param line   1-based line in {@code source}, 0 when unknown
 * @param where  what is wrong, e.g. {@code operation createFeedback (POST /v1/feedback)}
 * @param message the problem, naming the field
 */
public record ValidationProblem(String source, int line, String where, String message) {

    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + where + ": " + message;
    }
}
