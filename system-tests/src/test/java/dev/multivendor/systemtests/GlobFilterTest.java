package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples from GitHub's filter pattern cheat sheet. */
class GlobFilterTest {

    private static boolean matches(String pattern, String value) {
        return new GlobFilter(List.of(pattern)).matches(value);
    }

    @Test
    void singleStarStopsAtASlashAndDoubleStarDoesNot() {
        assertTrue(matches("docs/*", "docs/README.md"));
        assertFalse(matches("docs/*", "docs/labs/01/README.md"));
        assertTrue(matches("docs/**", "docs/labs/01/README.md"));
        assertTrue(matches("vendor-a-lambda/**", "vendor-a-lambda/infra/pom.xml"));
        assertFalse(matches("vendor-a-lambda/**", "vendor-a-lambda-fork/pom.xml"));
    }

    @Test
    void doubleStarSlashAlsoMatchesAtTheTop() {
        assertTrue(matches("**/README.md", "README.md"));
        assertTrue(matches("**/README.md", "core-infra/README.md"));
        assertFalse(matches("**/README.md", "core-infra/README.mdx"));
    }

    @Test
    void aRootFilePatternMatchesOnlyThatFile() {
        assertTrue(matches("pom.xml", "pom.xml"));
        assertFalse(matches("pom.xml", "core-infra/pom.xml"));
        assertTrue(matches(".mvn/**", ".mvn/wrapper/maven-wrapper.properties"));
    }

    @Test
    void questionMarkAndPlusQualifyThePrecedingCharacter() {
        assertTrue(matches("*.jsx?", "page.js"));
        assertTrue(matches("*.jsx?", "page.jsx"));
        assertTrue(matches("v2+", "v222"));
        assertFalse(matches("v2+", "v"));
    }

    @Test
    void tagPatternsMatchPerVendorReleaseTags() {
        assertTrue(matches("vendor-a/v*", "vendor-a/v1.4.0"));
        assertFalse(matches("vendor-a/v*", "vendor-b/v1.4.0"));
        assertTrue(matches("v[12].[0-9]+.[0-9]+", "v1.10.0"));
    }

    @Test
    void aLaterNegationExcludesAndAnEvenLaterPatternIncludesAgain() {
        GlobFilter filter = new GlobFilter(List.of("docs/**", "!docs/drafts/**", "docs/drafts/keep.md"));
        assertTrue(filter.matches("docs/a.md"));
        assertFalse(filter.matches("docs/drafts/b.md"));
        assertTrue(filter.matches("docs/drafts/keep.md"));
    }
}
