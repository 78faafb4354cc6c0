package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubstitutionTest {
  private static final Map<String, String> ENV =
      Map.of("PWD", "/home", "SHELL", "bash", "EMPTY", "", "FILE", "dir/archive.tar.gz");

  private static String expand(String word) {
    return Substitution.word(word, ENV, '\\');
  }

  // '|' separates input and expected output so that quotes and backslashes stay literal.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "hello|hello",
        "he'll'o|hello",
        "he\\'llo|he'llo",
        "abc\\tdef|abctdef",
        "\"abc\\tdef\"|abc\\tdef",
        "\"abc\\\\tdef\"|abc\\tdef",
        "'abc\\tdef'|abc\\tdef",
        "hello\\|hello",
        "hello\\\\|hello\\",
        "\"hel'lo\"|hel'lo",
        "'hello\\'|hello\\",
        "\"''\"|''",
        "$.|$.",
        "he$1x|hex",
        "he$.x|he$.x",
        "he$PWD|he/home",
        "he\\$PWD|he$PWD",
        "he\\\\$PWD|he\\/home",
        "\"he\\$PWD\"|he$PWD",
        "\"he\\\\$PWD\"|he\\/home",
        "\\${}aaa|${}aaa",
        "he${hi}xx|hexx",
        "he${PWD}|he/home",
        "he${XXX:-000}xx|he000xx",
        "he${PWD:-000}xx|he/homexx",
        "he${XXX:-$PWD}xx|he/homexx",
        "he${XXX:-${YYY:-yyy}}xx|heyyyxx",
        "he${XXX:+000}xx|hexx",
        "he${PWD:+000}xx|he000xx",
        "he${PWD:+${SHELL}}xx|hebashxx",
        "'he${XX}'|he${XX}",
        "\"he'$PWD'\"|he'/home'",
        "'$PWD'|$PWD",
        "he${XXX:-\\$PWD:}xx|he$PWD:xx",
        "he${XXX:-\\${PWD}z}xx|he${PWDz}xx",
        "${aaa}}|}",
        "${aaa:-bbb {foo}|bbb {foo",
        "${aaa:-\"b c\"}|b c",
        "a  b|a  b",
        "${EMPTY:-d}|d",
        "${EMPTY-d}|",
        "${UNSET-d}|d",
        "${EMPTY:+a}|",
        "${EMPTY+a}|a",
        "${UNSET+a}|",
        "${FILE#*/}|archive.tar.gz",
        "${FILE##*.}|gz",
        "${FILE%.*}|dir/archive.tar",
        "${FILE%%.*}|dir/archive",
        "${FILE/a/A}|dir/Archive.tar.gz",
        "${FILE//a/A}|dir/Archive.tAr.gz",
        "${FILE#nomatch}|dir/archive.tar.gz",
        "안녕${PWD}|안녕/home"
      })
  void expandsLikeDockersLexer(String input, String expected) {
    // CsvSource reads an empty column as null.
    assertEquals(expected == null ? "" : expected, expand(input));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "he'llo|unexpected end of statement while looking for matching single-quote",
        "\"hello|unexpected end of statement while looking for matching double-quote",
        "\"hello\\\"|unexpected end of statement while looking for matching double-quote",
        "he\\\\'llo|single-quote",
        "${}|syntax error: bad substitution",
        "he${}xx|syntax error: bad substitution",
        "${:-bbb}|syntax error: bad substitution",
        "${{aaa}|syntax error: bad substitution",
        "he${.}|unsupported modifier (.) in substitution",
        "he${XXX:YYY}|unsupported modifier (:Y) in substitution",
        "he${PWD:=000}xx|unsupported modifier (:=) in substitution",
        "he${PWD|syntax error: missing '}'",
        "${aaa:-bbb|syntax error: missing '}'",
        "${aaa:-bbb ${foo}|syntax error: missing '}'",
        "${\u0024|syntax error: missing '}'",
        "${FILE/a|syntax error: missing '/' in ${}"
      })
  void rejectsWhatDockerRejects(String input, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> expand(input));
    assertTrue(e.getMessage().startsWith("failed to process \"" + input + "\": "), e.getMessage());
    assertTrue(e.getMessage().endsWith(message), e.getMessage());
  }

  @Test
  void questionMarkRequiresAValue() {
    assertEquals("/home", expand("${PWD?}"));
    assertEquals("", expand("${EMPTY?}"));
    IllegalArgumentException unset =
        assertThrows(IllegalArgumentException.class, () -> expand("${NOPE?}"));
    assertTrue(unset.getMessage().endsWith("NOPE: is not allowed to be unset"));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> expand("${EMPTY:?}"));
    assertTrue(empty.getMessage().endsWith("EMPTY: is not allowed to be empty"));
    IllegalArgumentException custom =
        assertThrows(IllegalArgumentException.class, () -> expand("${NOPE:?set it}"));
    assertTrue(custom.getMessage().endsWith("NOPE: set it"));
  }

  @Test
  void backtickIsTheEscapeWhenTheDirectiveSaysSo() {
    assertEquals("C:\\path\\$PWD", Substitution.word("C:\\path\\`$PWD", ENV, '`'));
    assertEquals("C:\\path\\/home", Substitution.word("C:\\path\\$PWD", ENV, '`'));
    assertEquals("a\"b", Substitution.word("\"a`\"b\"", ENV, '`'));
  }

  @Test
  void aBadEscapeInAPatternIsAnError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> expand("${FILE#\\a}"));
    assertTrue(e.getMessage().contains("invalid escape"), e.getMessage());
  }
}
