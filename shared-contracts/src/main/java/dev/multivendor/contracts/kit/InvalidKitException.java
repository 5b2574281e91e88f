package dev.multivendor.contracts.kit;

import java.util.List;
import java.util.stream.Collectors;

/** An onboarding kit that cannot be used: the message lists every problem, one line each, naming file and field. */
public class InvalidKitException extends Exception {

    private final transient List<KitProblem> problems;

    public InvalidKitException(List<KitProblem> problems) {
        super(problems.stream().map(KitProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public InvalidKitException(KitProblem problem) {
        this(List.of(problem));
    }

    public List<KitProblem> problems() {
        return problems;
    }
}
