package dev.multivendor.coreinfra;

import java.util.List;

/** A registry that cannot be synthesized; the message lists every problem, one per line, each naming file,
 *  line, vendor and field. */
public final class RegistryException extends Exception {

    private final List<String> problems;

    public RegistryException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
