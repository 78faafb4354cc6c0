package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's .dockerignore rules (moby/patternmatcher, as the docker CLI applies them). */
class DockerIgnoreTest {
  private static DockerIgnore ignore(String... lines) {
    return DockerIgnore.parse(String.join("\n", lines));
  }

  @Test
  void starStaysInOneDirectory() {
    DockerIgnore i = ignore("*.log");
    assertTrue(i.excluded("a.log"));
    assertFalse(i.excluded("dir/a.log"));
    assertFalse(i.excluded("a.txt"));
  }

  @Test
  void doubleStarCrossesDirectories() {
    DockerIgnore i = ignore("**/*.log");
    assertTrue(i.excluded("a.log"));
    assertTrue(i.excluded("dir/sub/a.log"));
    assertFalse(i.excluded("dir/sub/a.txt"));
    DockerIgnore middle = ignore("a/**/b");
    assertTrue(middle.excluded("a/b"));
    assertTrue(middle.excluded("a/x/y/b"));
    assertFalse(middle.excluded("a/x/y/c"));
  }

  @Test
  void trailingDoubleStarExcludesWhatIsBelow() {
    DockerIgnore i = ignore("dir/**");
    assertTrue(i.excluded("dir/a"));
    assertTrue(i.excluded("dir/a/b/c"));
    assertFalse(i.excluded("dir"));
    assertFalse(i.excluded("dirt/a"));
    assertTrue(ignore("**").excluded("anything/at/all"));
  }

  @Test
  void leadingDoubleStarMatchesBySuffix() {
    DockerIgnore i = ignore("**/foo");
    assertTrue(i.excluded("foo"));
    assertTrue(i.excluded("x/y/foo"));
    assertFalse(i.excluded("x/afoo"));
    // Without a slash Docker matches any path ending in the rest.
    assertTrue(ignore("**foo").excluded("x/barfoo"));
  }

  @Test
  void aMatchingDirectoryExcludesEverythingUnderIt() {
    DockerIgnore i = ignore("node_modules", "build/out");
    assertTrue(i.excluded("node_modules"));
    assertTrue(i.excluded("node_modules/pkg/index.js"));
    assertTrue(i.excluded("build/out/x.o"));
    assertFalse(i.excluded("build/src/x.c"));
    assertFalse(i.excluded("src/node_modules/x"));
  }

  @Test
  void pathsAreCleanedAndALeadingSlashIgnored() {
    DockerIgnore i = ignore("/build", "./docs/../tmp/", "a//b");
    assertEquals(List.of("build", "tmp", "a/b"), i.patterns());
    assertTrue(i.excluded("build/x"));
    assertTrue(i.excluded("tmp"));
    assertTrue(i.excluded("./a/b"));
    assertTrue(i.excluded("/build"));
    assertFalse(i.excluded("."));
  }

  @Test
  void exceptionsReincludeAndTheLastMatchingLineWins() {
    DockerIgnore i = ignore("*.md", "!README.md");
    assertTrue(i.excluded("CHANGES.md"));
    assertFalse(i.excluded("README.md"));
    DockerIgnore reversed = ignore("!README.md", "*.md");
    assertTrue(reversed.excluded("README.md"));
    DockerIgnore again = ignore("*.md", "!README*.md", "README-secret.md");
    assertTrue(again.excluded("README-secret.md"));
    assertFalse(again.excluded("README-public.md"));
    assertTrue(i.hasExceptions());
    assertFalse(ignore("*.md").hasExceptions());
  }

  @Test
  void anExceptionCanReachIntoAnExcludedDirectory() {
    DockerIgnore i = ignore("docs", "!docs/keep.txt", "! docs/also.txt");
    assertTrue(i.excluded("docs"));
    assertTrue(i.excluded("docs/other.txt"));
    assertFalse(i.excluded("docs/keep.txt"));
    assertFalse(i.excluded("docs/also.txt"));
    assertEquals(List.of("docs", "!docs/keep.txt", "!docs/also.txt"), i.patterns());
  }

  @Test
  void commentsOnlyInTheFirstColumnAndBlankLinesAreSkipped() {
    DockerIgnore i = ignore("# secret.txt", "", "   ", " #hash", "\tspaced.txt  \r");
    assertFalse(i.excluded("secret.txt"));
    assertTrue(i.excluded("#hash"));
    assertTrue(i.excluded("spaced.txt"));
    assertEquals(List.of("#hash", "spaced.txt"), i.patterns());
  }

  @Test
  void questionMarksClassesAndEscapes() {
    assertTrue(ignore("?.txt").excluded("a.txt"));
    assertFalse(ignore("?.txt").excluded("ab.txt"));
    assertTrue(ignore("[a-c].txt").excluded("b.txt"));
    assertFalse(ignore("[a-c].txt").excluded("d.txt"));
    assertTrue(ignore("[^a-c].txt").excluded("d.txt"));
    assertTrue(ignore("\\*.txt").excluded("*.txt"));
    assertFalse(ignore("\\*.txt").excluded("a.txt"));
  }

  @Test
  void regexCharactersAreLiteral() {
    assertTrue(ignore("a+b*.txt").excluded("a+bc.txt"));
    assertFalse(ignore("a+b*.txt").excluded("aab.txt"));
    assertTrue(ignore("$x*").excluded("$xy"));
    assertTrue(ignore("(a)|b{1}.txt").excluded("(a)|b{1}.txt"));
    assertFalse(ignore("f.o*").excluded("fxo"));
  }

  @Test
  void malformedFilesAreRejected() {
    IllegalArgumentException bang =
        assertThrows(IllegalArgumentException.class, () -> ignore("a", "!"));
    assertEquals("illegal exclusion pattern: \"!\"", bang.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ignore("src/["));
  }

  @Test
  void emptyExcludesNothing() {
    assertFalse(DockerIgnore.empty().excluded("a"));
    assertFalse(DockerIgnore.parse("").excluded("a"));
    assertFalse(DockerIgnore.parse(null).excluded("a"));
  }
}
