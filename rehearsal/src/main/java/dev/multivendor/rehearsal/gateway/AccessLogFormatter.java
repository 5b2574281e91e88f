package dev.multivendor.rehearsal.gateway;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code $context} variables in a stage's access log format, one line per request. A variable the
 * gateway has no value for is written as {@code -}, as API Gateway does for empty values.
 */
final class AccessLogFormatter {

    private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)");

    private AccessLogFormatter() {
    }

    static String format(String format, Map<String, String> context) {
        Matcher m = VARIABLE.matcher(format);
        StringBuilder line = new StringBuilder();
        while (m.find()) {
            String value = context.get(m.group(1));
            m.appendReplacement(line, Matcher.quoteReplacement(value == null || value.isEmpty() ? "-" : value));
        }
        m.appendTail(line);
        return line.toString().replace('\n', ' ');
    }
}
