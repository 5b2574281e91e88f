package dev.multivendor.contracts.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every value in a JSON text by its JSON pointer, for error messages (Jackson's tree model keeps no
 * locations). Object members map to the line of their name; array elements to the line where they start.
 */
final class JsonLines {

    private final Map<String, Integer> lines;

    private JsonLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Reads {@code text}, which must already have parsed as JSON. */
    static JsonLines of(String text) {
        Map<String, Integer> lines = new HashMap<>();
        // Each open container: its pointer, and for arrays the index of the next element (-1 for objects).
        Deque<String> pointers = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        String pendingName = null;
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.FIELD_NAME) {
                    pendingName = pointers.peek() + "/" + escape(parser.currentName());
                    lines.putIfAbsent(pendingName, line);
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    pointers.pop();
                    indexes.pop();
                    continue;
                }
                String pointer;
                if (pointers.isEmpty()) {
                    pointer = "";
                    lines.putIfAbsent(pointer, line);
                } else if (indexes.peek()[0] >= 0) {
                    pointer = pointers.peek() + "/" + indexes.peek()[0]++;
                    lines.putIfAbsent(pointer, line);
                } else {
                    pointer = pendingName;
                }
                if (token == JsonToken.START_OBJECT) {
                    pointers.push(pointer);
                    indexes.push(new int[] {-1});
                } else if (token == JsonToken.START_ARRAY) {
                    pointers.push(pointer);
                    indexes.push(new int[] {0});
                }
            }
        } catch (IOException e) {
            // The text parsed before; whatever was mapped until here is still right, the rest falls back to line 1.
        }
        return new JsonLines(lines);
    }

    /** The line of {@code pointer}, or of its closest mapped ancestor (a missing field: the object that lacks it). */
    int lineOf(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
        }
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
