package dev.multivendor.publisher;

import dev.multivendor.contracts.ApiContract;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * An OpenAPI document as text, with the name it is reported under and the line of each operation, so every
 * validation message can say "file:line".
 */
public final class SourceDocument {

    private final String name;
    private final String text;
    private final Map<String, Integer> operationLines;

    private SourceDocument(String name, String text, Map<String, Integer> operationLines) {
        this.name = name;
        this.text = text;
        this.operationLines = operationLines;
    }

    /** Parses {@code text} (YAML or JSON) far enough to know where each operation starts. */
    public static SourceDocument of(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidDocumentException(List.of(new ValidationProblem(name, line, "document",
                    "is not valid YAML/JSON: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new InvalidDocumentException(List.of(new ValidationProblem(name, 0, "document",
                    "is not valid YAML/JSON: " + e.getMessage())));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new InvalidDocumentException(List.of(new ValidationProblem(name, 1, "document",
                    "must be an OpenAPI object (a mapping), found " + (root == null ? "nothing" : root.getNodeId()))));
        }
        Map<String, Integer> lines = new HashMap<>();
        valueOf(mapping, "paths").ifPresentOrElse(paths -> {
            if (paths instanceof MappingNode pathItems) {
                for (NodeTuple pathItem : pathItems.getValue()) {
                    String path = scalar(pathItem.getKeyNode());
                    if (pathItem.getValueNode() instanceof MappingNode operations) {
                        for (NodeTuple op : operations.getValue()) {
                            lines.put(key(scalar(op.getKeyNode()), path), op.getKeyNode().getStartMark().getLine() + 1);
                        }
                    }
                }
            }
        }, () -> { });
        return new SourceDocument(name, text, Map.copyOf(lines));
    }

    /** A contract shipped in shared-contracts, reported under its classpath location. */
    public static SourceDocument of(ApiContract contract) {
        return of(contract.resourcePath(), contract.yaml());
    }

    /** A file (e.g. a contract under review that is not released yet). */
    public static SourceDocument read(Path file) {
        try {
            return of(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidDocumentException(List.of(new ValidationProblem(file.toString(), 0, "document", "does not exist")));
        } catch (IOException e) {
            throw new InvalidDocumentException(List.of(new ValidationProblem(file.toString(), 0, "document",
                    "cannot be read: " + e.getMessage())));
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The 1-based line where {@code method} under {@code path} starts, or 0 when unknown. */
    public int lineOf(String method, String path) {
        return operationLines.getOrDefault(key(method, path), 0);
    }

    private static String key(String method, String path) {
        return method.toLowerCase(Locale.ROOT) + " " + path;
    }

    private static java.util.Optional<Node> valueOf(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> key.equals(scalar(t.getKeyNode())))
                .map(NodeTuple::getValueNode)
                .findFirst();
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "";
    }
}
