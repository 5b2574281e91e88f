package dev.multivendor.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of GitHub Actions filter patterns (branches, tags, paths) with GitHub's semantics: {@code *} matches
 * anything but {@code /}, {@code **} anything, {@code ?} and {@code +} make the preceding character optional or
 * repeatable, {@code [..]} is a character class, {@code \} escapes, and a leading {@code !} excludes what earlier
 * patterns included. The last pattern that matches decides, as on GitHub.
 */
final class GlobFilter {

    private record Entry(boolean negated, Pattern regex, String source) {
    }

    private final List<Entry> entries = new ArrayList<>();

    GlobFilter(List<String> patterns) {
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            entries.add(new Entry(negated, Pattern.compile(toRegex(negated ? p.substring(1) : p)), p));
        }
    }

    /** True when the last pattern matching {@code value} is an inclusion. */
    boolean matches(String value) {
        boolean included = false;
        for (Entry e : entries) {
            if (e.regex.matcher(value).matches()) {
                included = !e.negated;
            }
        }
        return included;
    }

    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?"); // "**/x" also matches "x" at the top level
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?', '+' -> regex.append(c);
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed [ in filter pattern " + glob);
                    }
                    regex.append('[').append(glob, i + 1, end).append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw new IllegalArgumentException("dangling \\ in filter pattern " + glob);
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
