package dev.multivendor.systemtests.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Just enough Markdown for checking docs: links, heading anchors (GitHub's rules) and fenced code blocks. */
final class Markdown {

    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([\\w+-]*)?.*$");

    record Link(String target, int line) {
        boolean isExternal() {
            return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }
    }

    /** A fenced code block: its info string (language), its lines, the line it starts on, the comment before it. */
    record CodeBlock(String language, List<String> lines, int line, String marker) {
    }

    private final List<String> lines;

    private Markdown(List<String> lines) {
        this.lines = lines;
    }

    static Markdown read(Path file) {
        try {
            return new Markdown(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Markdown parse(String text) {
        return new Markdown(List.of(text.split("\n", -1)));
    }

    /** Markdown files tracked by the repository: everything but build outputs and installed packages. */
    static List<Path> filesUnder(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        for (Path part : rel) {
                            String name = part.toString();
                            if (name.equals("target") || name.equals("node_modules") || name.equals("cdktf.out")
                                    || name.equals(".terraform") || (name.startsWith(".") && !name.equals(".github"))) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links outside code blocks and inline code spans. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher m = INLINE_LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                links.add(new Link(m.group(1), i + 1));
            }
        }
        return links;
    }

    /** Heading anchors as GitHub generates them, with -1, -2 suffixes for repeated headings. */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!inFence && m.matches()) {
                String slug = slug(m.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** Fenced code blocks with the HTML comment directly above them, if any (e.g. {@code <!-- lab-check: run -->}). */
    List<CodeBlock> codeBlocks() {
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(2);
            String language = open.group(3) == null ? "" : open.group(3);
            int start = i;
            List<String> body = new ArrayList<>();
            for (i = i + 1; i < lines.size() && !lines.get(i).trim().startsWith(fence); i++) {
                body.add(lines.get(i));
            }
            String marker = null;
            for (int j = start - 1; j >= 0; j--) {
                String prev = lines.get(j).trim();
                if (prev.isEmpty()) {
                    continue;
                }
                if (prev.startsWith("<!--") && prev.endsWith("-->")) {
                    marker = prev.substring(4, prev.length() - 3).trim();
                }
                break;
            }
            blocks.add(new CodeBlock(language, body, start + 1, marker));
        }
        return blocks;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
