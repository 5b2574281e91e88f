package dev.multivendor.systemtests.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workshop lab as its checks see it: the shell blocks in order, each with the {@code <!-- lab-check: KIND ... -->}
 * comment above it and the expected-output box that follows it.
 *
 * <p>Kinds: {@code run} (needs no build: run by the default {@code verify}), {@code build} (starts {@code ./mvnw}:
 * run only with {@code -Plabs}), {@code server} (starts a server in the background on the {@code port}s it names),
 * {@code break} and {@code restore} (a "change this and watch it fail" edit and its undo, tested in a clone),
 * {@code ci} (the pre-work build, which is what CI runs), {@code needs-aws} (checked, never run),
 * {@code skip "why"} (not runnable yet, say why). Attributes: {@code expect "text"} (output must contain it),
 * {@code fails} (the command must exit non-zero), {@code port N}.
 *
 * <p>An expected-output box is a {@code text} block right after the step, marked {@code <!-- lab-check: output -->}:
 * each of its lines must appear in the step's output, in order; {@code …} stands for any text.
 */
record Lab(Path file, List<Step> steps) {

    enum Kind { RUN, BUILD, SERVER, BREAK, RESTORE, CI, NEEDS_AWS, SKIP }

    private static final Pattern KIND = Pattern.compile("^lab-check:\\s*([a-z-]+)");
    private static final Pattern EXPECT = Pattern.compile("expect \"([^\"]+)\"");
    private static final Pattern SKIP_WHY = Pattern.compile("skip \"([^\"]+)\"");
    private static final Pattern PORT = Pattern.compile("port (\\d+)");

    /** One shell block of a lab with what its marker says about it. */
    record Step(Markdown.CodeBlock block, Kind kind, List<String> expects, boolean fails, List<Integer> ports,
                String skipReason, Markdown.CodeBlock output) {

        String script() {
            return String.join("\n", block.lines());
        }

        boolean startsMaven() {
            return block.lines().stream().anyMatch(l -> l.strip().startsWith("./mvnw") || l.contains("&& ./mvnw")
                    || l.contains("; ./mvnw") || l.contains("| ./mvnw"));
        }
    }

    static Lab read(Path file) {
        List<Markdown.CodeBlock> blocks = Markdown.read(file).codeBlocks();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Markdown.CodeBlock b = blocks.get(i);
            if (!List.of("bash", "sh", "shell").contains(b.language())) {
                continue;
            }
            Markdown.CodeBlock output = null;
            if (i + 1 < blocks.size()) {
                Markdown.CodeBlock next = blocks.get(i + 1);
                if ("lab-check: output".equals(next.marker())) {
                    output = next;
                }
            }
            steps.add(step(b, output));
        }
        return new Lab(file, steps);
    }

    /** The output boxes of the lab that follow no shell block (a mistake: they would never be checked). */
    static List<Markdown.CodeBlock> orphanOutputBoxes(Path file) {
        List<Markdown.CodeBlock> blocks = Markdown.read(file).codeBlocks();
        List<Markdown.CodeBlock> orphans = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if ("lab-check: output".equals(blocks.get(i).marker())
                    && (i == 0 || !List.of("bash", "sh", "shell").contains(blocks.get(i - 1).language()))) {
                orphans.add(blocks.get(i));
            }
        }
        return orphans;
    }

    private static Step step(Markdown.CodeBlock block, Markdown.CodeBlock output) {
        String marker = block.marker();
        Kind kind = null;
        List<String> expects = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        String skip = null;
        boolean fails = false;
        if (marker != null) {
            Matcher k = KIND.matcher(marker);
            if (k.find()) {
                kind = switch (k.group(1)) {
                    case "run" -> Kind.RUN;
                    case "build" -> Kind.BUILD;
                    case "server" -> Kind.SERVER;
                    case "break" -> Kind.BREAK;
                    case "restore" -> Kind.RESTORE;
                    case "ci" -> Kind.CI;
                    case "needs-aws" -> Kind.NEEDS_AWS;
                    case "skip" -> Kind.SKIP;
                    default -> null;
                };
            }
            Matcher e = EXPECT.matcher(marker);
            while (e.find()) {
                expects.add(e.group(1));
            }
            Matcher p = PORT.matcher(marker);
            while (p.find()) {
                ports.add(Integer.parseInt(p.group(1)));
            }
            Matcher s = SKIP_WHY.matcher(marker);
            skip = s.find() ? s.group(1) : null;
            fails = marker.matches(".*,\\s*fails\\b.*");
        }
        return new Step(block, kind, List.copyOf(expects), fails, List.copyOf(ports), skip, output);
    }

    /**
     * Null when every line of the box appears in {@code actual}, in order ({@code …} matches any text and a line
     * that is only {@code …} stands for lines left out); otherwise the first line that does not.
     */
    static String firstMissingLine(List<String> box, String actual) {
        String[] lines = actual.split("\\R");
        int from = 0;
        for (String expected : box) {
            String e = expected.strip();
            if (e.isEmpty() || e.equals("…")) {
                continue;
            }
            Pattern p = pattern(e);
            int found = -1;
            for (int i = from; i < lines.length; i++) {
                if (p.matcher(lines[i]).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return expected;
            }
            from = found + 1;
        }
        return null;
    }

    private static Pattern pattern(String line) {
        StringBuilder regex = new StringBuilder();
        String[] parts = line.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*?");
            }
            // Runs of spaces in a box are alignment: any run of whitespace matches.
            String[] words = parts[i].split(" +", -1);
            for (int w = 0; w < words.length; w++) {
                if (w > 0) {
                    regex.append("\\s+");
                }
                regex.append(Pattern.quote(words[w]));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
