package dev.multivendor.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** A workflow file and the events that start it, evaluated like GitHub evaluates {@code on:} filters. */
final class Workflow {

    private final String file;
    private final String text;
    private final Map<String, Object> document;
    private final Map<String, Object> on;

    private Workflow(String file, String text, Map<String, Object> document) {
        this.file = file;
        this.text = text;
        this.document = document;
        // YAML 1.1 reads the bare key `on` as the boolean true.
        Object triggers = document.containsKey("on") ? document.get("on") : document.get(Boolean.TRUE);
        this.on = normalise(triggers);
    }

    static List<Workflow> loadAll(Path repoRoot) {
        Path dir = repoRoot.resolve(".github/workflows");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted()
                    .map(p -> load(repoRoot, p)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Workflow load(Path repoRoot, Path file) {
        try {
            String text = Files.readString(file);
            Object doc = new Yaml(new LoaderOptions()).load(text);
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException(file + ": not a YAML mapping");
            }
            return new Workflow(repoRoot.relativize(file).toString().replace('\\', '/'), text, (Map<String, Object>) doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Object triggers) {
        Map<String, Object> events = new java.util.LinkedHashMap<>();
        if (triggers instanceof String event) {
            events.put(event, Map.of());
        } else if (triggers instanceof List<?> list) {
            list.forEach(e -> events.put(String.valueOf(e), Map.of()));
        } else if (triggers instanceof Map<?, ?> map) {
            map.forEach((k, v) -> events.put(String.valueOf(k), v == null ? Map.of() : v));
        }
        return events;
    }

    String file() {
        return file;
    }

    /** The file name without extension, e.g. {@code vendor-a-lambda}. */
    String id() {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }

    String text() {
        return text;
    }

    Map<String, Object> document() {
        return document;
    }

    /** Does pushing {@code changed} files to {@code branch} start this workflow? */
    boolean startsOnPush(String branch, Collection<String> changed) {
        Map<String, Object> push = event("push");
        if (push == null) {
            return false;
        }
        boolean hasBranchFilter = push.containsKey("branches") || push.containsKey("branches-ignore");
        boolean hasTagFilter = push.containsKey("tags") || push.containsKey("tags-ignore");
        if (!hasBranchFilter && hasTagFilter) {
            return false; // only tags are listed: branch pushes do not start it
        }
        return refMatches(push, "branches", branch) && pathsMatch(push, changed);
    }

    /** Does a pull request into {@code base} that changes {@code changed} start this workflow? */
    boolean startsOnPullRequest(String base, Collection<String> changed) {
        Map<String, Object> pr = event("pull_request");
        return pr != null && refMatches(pr, "branches", base) && pathsMatch(pr, changed);
    }

    /** Does pushing tag {@code tag} start this workflow? Path filters are not evaluated for tags (GitHub docs). */
    boolean startsOnTag(String tag) {
        Map<String, Object> push = event("push");
        if (push == null) {
            return false;
        }
        boolean hasBranchFilter = push.containsKey("branches") || push.containsKey("branches-ignore");
        boolean hasTagFilter = push.containsKey("tags") || push.containsKey("tags-ignore");
        if (hasBranchFilter && !hasTagFilter) {
            return false;
        }
        return refMatches(push, "tags", tag);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> event(String name) {
        Object e = on.get(name);
        return e instanceof Map ? (Map<String, Object>) e : null;
    }

    private static boolean refMatches(Map<String, Object> event, String kind, String ref) {
        List<String> include = strings(event.get(kind));
        List<String> ignore = strings(event.get(kind + "-ignore"));
        if (include != null) {
            return new GlobFilter(include).matches(ref);
        }
        return ignore == null || !new GlobFilter(ignore).matches(ref);
    }

    private static boolean pathsMatch(Map<String, Object> event, Collection<String> changed) {
        List<String> paths = strings(event.get("paths"));
        List<String> ignore = strings(event.get("paths-ignore"));
        if (paths != null) {
            GlobFilter filter = new GlobFilter(paths);
            return changed.stream().anyMatch(filter::matches);
        }
        if (ignore != null) {
            GlobFilter filter = new GlobFilter(ignore);
            return !changed.stream().allMatch(filter::matches);
        }
        return true;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(v -> out.add(String.valueOf(v)));
            return out;
        }
        return List.of(String.valueOf(value));
    }

    @Override
    public String toString() {
        return file;
    }
}
