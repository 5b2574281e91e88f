package dev.multivendor.publisher.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, each given at most once, unknown names refused. */
final class Arguments {

    private final Map<String, String> values = new LinkedHashMap<>();

    Arguments(String[] args, Set<String> valued, Set<String> switches) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
            } else {
                throw new UsageException("unknown argument " + arg + " (see --help)");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String require(String name, String why) {
        return get(name).orElseThrow(() -> new UsageException("missing " + name + ": " + why));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got \"" + v + "\"");
        }
    }

    void exactlyOne(List<String> names) {
        long given = names.stream().filter(values::containsKey).count();
        if (given != 1) {
            throw new UsageException("give exactly one of " + String.join(", ", names)
                    + (given == 0 ? "" : " (got " + given + ")"));
        }
    }
}
