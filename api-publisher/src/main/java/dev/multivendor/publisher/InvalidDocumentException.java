package dev.multivendor.publisher;

import java.util.List;
import java.util.stream.Collectors;

/** The document would not be published as intended; nothing was sent to the control plane. */
public final class InvalidDocumentException extends RuntimeException {

    private final List<ValidationProblem> problems;

    public InvalidDocumentException(List<ValidationProblem> problems) {
        super(problems.size() + " problem(s) in the API document:\n" + problems.stream()
                .map(p -> "  " + p).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
