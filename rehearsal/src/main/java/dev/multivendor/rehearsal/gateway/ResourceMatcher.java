package dev.multivendor.rehearsal.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the resource a request path belongs to, the way API Gateway REST APIs match resources: segment by segment,
 * a literal segment before a path variable ({@code {id}}), a path variable before a greedy variable
 * ({@code {proxy+}}, last segment only, one or more segments).
 */
final class ResourceMatcher {

    /** A matched resource and its path parameters (URL-decoded). */
    record Match(String resourcePath, Map<String, String> pathParameters) {
    }

    private ResourceMatcher() {
    }

    static Optional<Match> match(Collection<String> resourcePaths, String requestPath) {
        List<String> request = segments(requestPath);
        Match best = null;
        int[] bestRank = null;
        for (String resourcePath : resourcePaths) {
            List<String> template = segments(resourcePath);
            Map<String, String> parameters = new LinkedHashMap<>();
            int[] rank = rank(template, request, parameters);
            if (rank != null && (bestRank == null || compare(rank, bestRank) > 0)) {
                best = new Match(resourcePath, Map.copyOf(parameters));
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Per segment: 2 literal, 1 variable, 0 greedy; null when the template does not match. */
    private static int[] rank(List<String> template, List<String> request, Map<String, String> parameters) {
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            boolean variable = part.startsWith("{") && part.endsWith("}");
            if (variable && part.endsWith("+}")) {
                if (i != template.size() - 1 || request.size() <= i) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 2), decode(String.join("/", request.subList(i, request.size()))));
                rank.add(0);
                return rank.stream().mapToInt(Integer::intValue).toArray();
            }
            if (i >= request.size()) {
                return null;
            }
            if (variable) {
                if (request.get(i).isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), decode(request.get(i)));
                rank.add(1);
            } else if (part.equals(request.get(i))) {
                rank.add(2);
            } else {
                return null;
            }
        }
        return template.size() == request.size() ? rank.stream().mapToInt(Integer::intValue).toArray() : null;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
