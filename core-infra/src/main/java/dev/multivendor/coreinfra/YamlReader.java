package dev.multivendor.coreinfra;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed values from SnakeYAML's node tree and collects every problem as {@code file:line: vendor 'id', field
 * 'path': message}. It works on nodes (not on plain maps) so that every message can name the line, and so that a
 * scalar's YAML type is known (an unquoted {@code 012345678901} is a number). Each reader reports its own problem and
 * returns null (or an empty value), so reading goes on and all problems are listed at once.
 */
final class YamlReader {

    private final String source;
    private final List<String> problems = new ArrayList<>();

    YamlReader(String source) {
        this.source = source;
    }

    /** Where a problem is: the vendor (id, or "#n" before the id is known) and the dotted field path. */
    record Field(String vendor, String path) {

        static final Field TOP = new Field(null, "");

        Field at(String child) {
            if (path.isEmpty()) {
                return new Field(vendor, child);
            }
            return new Field(vendor, child.startsWith("[") ? path + child : path + "." + child);
        }
    }

    String source() {
        return source;
    }

    List<String> problems() {
        return problems;
    }

    /** How many problems have been reported so far (to tell whether one part added any). */
    int problemCount() {
        return problems.size();
    }

    /** The document's root node, null for an empty document; malformed YAML is a problem of its own, thrown. */
    Node compose(String text) throws RegistryException {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowRecursiveKeys(false);
            options.setMaxAliasesForCollections(20);
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new RegistryException(List.of(source + ":" + line + ": malformed YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new RegistryException(List.of(source + ": malformed YAML: " + e.getMessage()));
        }
    }

    void problem(Node node, Field field, String message) {
        StringBuilder b = new StringBuilder(source).append(':').append(line(node)).append(": ");
        if (field.vendor() != null) {
            b.append("vendor '").append(field.vendor()).append("', ");
        }
        b.append("field '").append(field.path()).append("': ").append(message);
        problems.add(b.toString());
    }

    // ---- scalars ----

    String string(Node node, Field field) {
        if (!(node instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
            problem(node, field, "must be a single value, not " + kind(node));
            return null;
        }
        if (s.getValue().isBlank()) {
            problem(node, field, "must not be empty");
            return null;
        }
        return s.getValue();
    }

    String pattern(Node node, Field field, Pattern p, String rule) {
        String value = string(node, field);
        if (value != null && !p.matcher(value).matches()) {
            problem(node, field, rule + " (got '" + value + "')");
            return null;
        }
        return value;
    }

    List<String> strings(Node node, Field field, Pattern p, String rule) {
        List<Node> items = sequence(node, field);
        if (items == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String v = pattern(items.get(i), field.at("[" + i + "]"), p, rule);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    Double number(Node node, Field field, double min, double max) {
        if (!(node instanceof ScalarNode s) || !(Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            problem(node, field, "must be a number, not " + kind(node));
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, field, "must be a decimal number (got '" + s.getValue() + "')");
            return null;
        }
        if (v < min || v > max) {
            problem(node, field, "must be between " + fmt(min) + " and " + fmt(max) + " (got " + fmt(v) + ")");
            return null;
        }
        return v;
    }

    Integer integer(Node node, Field field, int min, int max) {
        if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            problem(node, field, "must be a whole number, not " + kind(node));
            return null;
        }
        long v;
        try {
            v = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, field, "must be a decimal whole number (got '" + s.getValue() + "')");
            return null;
        }
        if (v < min || v > max) {
            problem(node, field, "must be between " + min + " and " + max + " (got " + v + ")");
            return null;
        }
        return (int) v;
    }

    Boolean bool(Node node, Field field) {
        if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
            problem(node, field, "must be true or false, not " + kind(node));
            return null;
        }
        return Boolean.valueOf(s.getValue().toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
    }

    // ---- structure ----

    /** The keys of a mapping; unknown and repeated keys are problems. Null when the node is no mapping. */
    Map<String, NodeTuple> mapping(Node node, Field field, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            problem(node, field, "must be a mapping (key: value lines), not " + kind(node));
            return null;
        }
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : "?";
            if (!allowed.contains(key)) {
                problem(k, field.at(key), "unknown key; allowed here: " + allowed.stream().sorted().toList());
            } else if (keys.putIfAbsent(key, t) != null) {
                problem(k, field.at(key), "is set twice (first on line " + line(keys.get(key).getKeyNode()) + ")");
            }
        }
        return keys;
    }

    List<Node> sequence(Node node, Field field) {
        if (!(node instanceof SequenceNode s)) {
            problem(node, field, "must be a list, not " + kind(node));
            return null;
        }
        return s.getValue();
    }

    Optional<Node> required(Map<String, NodeTuple> keys, String key, Node parent, Field field) {
        NodeTuple t = keys.get(key);
        if (t == null) {
            problem(parent, field.at(key), "is required");
            return Optional.empty();
        }
        return Optional.of(t.getValueNode());
    }

    static Optional<Node> optional(Map<String, NodeTuple> keys, String key) {
        return Optional.ofNullable(keys.get(key)).map(NodeTuple::getValueNode);
    }

    /** The value node of {@code key} in a mapping node, read without checking the mapping (null when absent). */
    static Node peek(Node node, String key) {
        if (!(node instanceof MappingNode m)) {
            return null;
        }
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst().orElse(null);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return Tag.NULL.equals(s.getTag()) ? "empty" : "'" + s.getValue() + "'";
    }

    /** A number as a person would write it: whole numbers without ".0". */
    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
