package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's filepath.Match semantics, which COPY and ADD sources follow. */
class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "abc|abc|true",
        "*|abc|true",
        "*c|abc|true",
        "a*|a|true",
        "a*|abc|true",
        "a*|ab/c|false",
        "a*/b|abc/b|true",
        "a*/b|a/c/b|false",
        "a*b*c*d*e*/f|axbxcxdxe/f|true",
        "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
        "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
        "a*b*c*d*e*/f|axbxcxdxexxx/fff|false",
        "a*b?c*x|abxbbxdbxebxczzx|true",
        "a*b?c*x|abxbbxdbxebxczzy|false",
        "ab[c]|abc|true",
        "ab[b-d]|abc|true",
        "ab[e-g]|abc|false",
        "ab[^c]|abc|false",
        "ab[^b-d]|abc|false",
        "ab[^e-g]|abc|true",
        "a\\*b|a*b|true",
        "a\\*b|ab|false",
        "a?b|a☺b|true",
        "a[^a]b|a☺b|true",
        "a???b|a☺b|false",
        "[a-ζ]*|α|true",
        "*[a-ζ]|A|false",
        "a?b|a/b|false",
        "a*b|a/b|false",
        "[\\]a]|]|true",
        "[\\-]|-|true",
        "[x\\-]|x|true",
        "[x\\-]|-|true",
        "[x\\-]|z|false",
        "[\\-x]|-|true",
        "[\\-x]|a|false",
        "*x|xxx|true",
        "src/*.py|src/app.py|true",
        "src/*.py|src/lib/app.py|false",
        "*|.hidden|true",
        "abc|abcd|false"
      })
  void matchesLikeGo(String pattern, String path, boolean expected) {
    assertEquals(expected, Glob.matches(pattern, path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "a/b["})
  void malformedPatternsAreInvalidAndMatchNothing(String pattern) {
    assertFalse(Glob.isValid(pattern));
    assertFalse(Glob.matches(pattern, "a"));
    assertFalse(Glob.matches(pattern, "-"));
  }

  @Test
  void wildcardsAreDetected() {
    assertTrue(Glob.hasWildcards("*.py"));
    assertTrue(Glob.hasWildcards("file?.txt"));
    assertTrue(Glob.hasWildcards("[ab].txt"));
    assertFalse(Glob.hasWildcards("src/app.py"));
    assertTrue(Glob.isValid("src/app.py"));
  }
}
