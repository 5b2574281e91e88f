package dev.multivendor.systemtests.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every relative link in every Markdown file of the repository resolves, anchors included. */
class MarkdownLinksTest {

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkInEveryMarkdownFileResolves() {
        List<Path> files = Markdown.filesUnder(root);
        List<String> broken = new ArrayList<>();
        int checked = 0;

        for (Path file : files) {
            Markdown doc = Markdown.read(file);
            for (Markdown.Link link : doc.links()) {
                if (link.isExternal()) {
                    continue;
                }
                checked++;
                String problem = resolve(file, link.target());
                if (problem != null) {
                    broken.add(root.relativize(file) + ":" + link.line() + ": (" + link.target() + ") " + problem);
                }
            }
        }

        System.out.printf("docs: %d relative links (anchors included) checked in %d Markdown files, %d broken%n",
                checked, files.size(), broken.size());
        assertTrue(files.size() >= 10, "expected the repository's Markdown files, found " + files);
        assertTrue(checked > 50, "suspiciously few relative links checked: " + checked);
        assertTrue(broken.isEmpty(), broken.size() + " broken link(s):\n" + String.join("\n", broken));
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReported() throws Exception {
        Path dir = Files.createTempDirectory("md-links");
        Files.writeString(dir.resolve("target.md"), "# Real heading\n");

        assertTrue(resolve(dir.resolve("a.md"), "target.md#real-heading") == null);
        assertTrue(resolve(dir.resolve("a.md"), "missing.md") != null);
        assertTrue(resolve(dir.resolve("a.md"), "target.md#no-such-heading") != null);
    }

    /** Returns null when the link resolves, otherwise what is wrong. */
    private static String resolve(Path from, String target) {
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty() ? from : from.getParent().resolve(Markdown.decode(pathPart)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file or folder";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
            if (!Markdown.read(resolved).anchors().contains(anchor)) {
                return "no heading with anchor #" + anchor + " in " + resolved.getFileName();
            }
        }
        return null;
    }
}
