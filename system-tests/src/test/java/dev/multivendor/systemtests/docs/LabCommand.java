package dev.multivendor.systemtests.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One command from a lab's shell block, with the line it starts on. */
record LabCommand(String text, int line) {

    /** Splits a shell block into commands: joins {@code \} continuations, drops comments, prompts and blanks. */
    static List<LabCommand> split(Markdown.CodeBlock block) {
        List<LabCommand> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int startLine = -1;
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i).strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (current.isEmpty()) {
                startLine = block.line() + 1 + i;
                line = line.startsWith("$ ") ? line.substring(2) : line;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String command = current.toString().replaceAll("\\s+#\\s.*$", "").strip();
            for (String part : command.split("\\s*(?:&&|;)\\s*")) {
                if (!part.isBlank()) {
                    commands.add(new LabCommand(part.strip(), startLine));
                }
            }
            current.setLength(0);
        }
        return commands;
    }

    /** Shell-like words: whitespace separated, single and double quotes grouped. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        // A word may mix quoted and unquoted parts (-Dcall="PUT /restapis/x"); quotes are removed, as bash does.
        Matcher m = Pattern.compile("(?:[^\\s\"']+|\"[^\"]*\"|'[^']*')+").matcher(text);
        while (m.find()) {
            words.add(m.group().replaceAll("\"([^\"]*)\"|'([^']*)'", "$1$2"));
        }
        return words;
    }

    /** Knows what this repository supports: its modules, profiles, plugins, files and test classes. */
    static final class Checker {

        private static final Set<String> PHASES = Set.of("clean", "validate", "compile", "test-compile",
                "process-test-resources", "test", "package", "verify", "install");
        /** Shell operators end a command's own words: what follows is a redirection or another command. */
        private static final Set<String> SHELL_OPERATORS = Set.of(">", ">>", "2>&1", "|", "||", "&&", "&", "<");
        private static final Set<String> FILE_READERS = Set.of("cat", "ls", "diff", "head", "tail", "less", "grep",
                "cp", "wc", "du");
        private static final Set<String> GIT = Set.of("status", "diff", "checkout", "switch", "log", "restore",
                "add", "commit", "stash", "clone", "show", "apply");
        private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*=.*");

        private final Path root;
        private final List<String> modules;

        Checker(Path root) {
            this.root = root;
            this.modules = new ArrayList<>();
            Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(root.resolve("pom.xml")));
            while (m.find()) {
                modules.add(m.group(1));
            }
        }

        /** Returns null if the command is supported, otherwise why not. */
        String check(LabCommand command, String marker) {
            boolean cloud = marker != null && marker.contains("needs-aws");
            List<String> words = new ArrayList<>(command.words());
            while (!words.isEmpty() && ENV.matcher(words.get(0)).matches()) {
                String value = words.remove(0).replaceFirst("^[^=]*=", "");
                String problem = checkPath(value);
                if (problem != null) {
                    return problem;
                }
            }
            if (words.isEmpty()) {
                return null;
            }
            String program = words.get(0);
            int end = 1;
            while (end < words.size() && !SHELL_OPERATORS.contains(words.get(end))) {
                end++;
            }
            List<String> args = words.subList(1, end);
            return switch (program) {
                case "./mvnw" -> checkMaven(args);
                case "java" -> checkJava(args);
                case "curl" -> cloud || args.stream().noneMatch(a -> a.matches("https?://.*"))
                        || args.stream().filter(a -> a.matches("https?://.*"))
                                .allMatch(a -> a.matches("https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?"))
                        ? null : "curl to a non-local address needs a `lab-check: needs-aws` block";
                case "cd" -> args.isEmpty() ? null : checkPath(args.get(0));
                case "git" -> args.isEmpty() || !GIT.contains(args.get(0)) ? "unexpected git subcommand"
                        : args.get(0).equals("apply") ? checkPaths("git", args.subList(1, args.size())) : null;
                case "export", "echo", "mkdir" -> null;
                case ".ci/run" -> null;
                case "terraform", "aws" -> cloud ? null : program + " needs a `lab-check: needs-aws` block";
                default -> FILE_READERS.contains(program) ? checkPaths(program, args)
                        : isScript(program) ? null
                        : "`" + program + "` is not a command this repository provides or documents";
            };
        }

        /** A script the repository ships, e.g. docs/labs/reset.sh: a tracked, executable file. */
        private boolean isScript(String program) {
            Path file = root.resolve(program.startsWith("./") ? program.substring(2) : program);
            return program.contains("/") && !program.contains("/target/") && Files.isRegularFile(file)
                    && Files.isExecutable(file);
        }

        private String checkMaven(List<String> args) {
            List<String> selected = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-pl") || arg.equals("--projects")) {
                    for (String module : args.get(++i).split(",")) {
                        if (!modules.contains(module)) {
                            return "-pl " + module + " is not a module of the reactor " + modules;
                        }
                        selected.add(module);
                    }
                } else if (arg.equals("-P")) {
                    for (String profile : args.get(++i).split(",")) {
                        if (!profileExists(profile)) {
                            return "no Maven profile `" + profile + "` in any pom.xml";
                        }
                    }
                } else if (arg.startsWith("-Dtest=") || arg.startsWith("-Dit.test=")) {
                    for (String test : arg.substring(arg.indexOf('=') + 1).split(",")) {
                        if (!testClassExists(test.replaceAll("#.*", ""))) {
                            return "no test class " + test;
                        }
                    }
                } else if (arg.startsWith("-")) {
                    continue;
                } else if (arg.contains(":")) {
                    String prefix = arg.substring(0, arg.indexOf(':'));
                    if (arg.contains("@") && !read(root.resolve(selected.isEmpty() ? "pom.xml" : selected.get(0) + "/pom.xml"))
                            .contains("<id>" + arg.substring(arg.indexOf('@') + 1) + "</id>")) {
                        return "no execution " + arg.substring(arg.indexOf('@') + 1) + " configured for " + arg;
                    }
                    String plugin = switch (prefix) {
                        case "exec" -> "exec-maven-plugin";
                        case "jib" -> "jib-maven-plugin";
                        default -> null;
                    };
                    if (plugin == null) {
                        return "goal " + arg + " is not configured in this repository";
                    }
                    List<String> where = selected.isEmpty() ? List.of(".") : selected;
                    for (String module : where) {
                        if (!read(root.resolve(module).resolve("pom.xml")).contains(plugin)) {
                            return module + "/pom.xml does not configure " + plugin + " for " + arg;
                        }
                    }
                } else if (!PHASES.contains(arg)) {
                    return "`" + arg + "` is not a Maven lifecycle phase";
                }
            }
            return null;
        }

        private String checkJava(List<String> args) {
            int jar = args.indexOf("-jar");
            if (jar < 0) {
                jar = args.indexOf("-cp") >= 0 ? args.indexOf("-cp") : args.indexOf("-classpath");
            }
            if (jar < 0 || jar + 1 >= args.size()) {
                return "java commands in labs run a built jar: java -jar <module>/target/<jar>"
                        + " or java -cp <module>/target/<jar> <main class>";
            }
            String path = args.get(jar + 1);
            int target = path.indexOf("/target/");
            if (target < 0 || !modules.contains(path.substring(0, target))) {
                return path + " is not a build output of a reactor module";
            }
            return null;
        }

        private String checkPaths(String program, List<String> args) {
            List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
            List<String> inputs = program.equals("cp") && paths.size() > 1 ? paths.subList(0, paths.size() - 1)
                    : program.equals("grep") && !paths.isEmpty() ? paths.subList(1, paths.size()) : paths;
            for (String path : inputs) {
                String problem = checkPath(path);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        /** Repository paths must exist; build outputs, globs, variables and URLs are not checked. */
        private String checkPath(String value) {
            if (!value.contains("/") || value.contains("$") || value.contains("*") || value.matches("[a-z]+://.*")
                    || value.contains("/target/") || value.startsWith("target/") || value.contains("cdktf.out")
                    || value.startsWith("/") || value.startsWith("~")) {
                return null;
            }
            return Files.exists(root.resolve(value)) ? null : "no file " + value + " in the repository";
        }

        private boolean profileExists(String profile) {
            try (Stream<Path> poms = Files.walk(root, 3)) {
                return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                        .filter(p -> !p.toString().contains("/target/"))
                        .anyMatch(p -> read(p).contains("<id>" + profile + "</id>"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean testClassExists(String name) {
            try (Stream<Path> files = Files.walk(root)) {
                return files.anyMatch(p -> p.toString().contains("/src/test/java/")
                        && p.getFileName().toString().equals(name + ".java"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
