package io.berth.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The file-level rules: directives, comments, continuations, stages and the error format. */
class ParserTest {
  static Dockerfile parse(String... lines) {
    return Dockerfile.parse("Dockerfile", String.join("\n", lines));
  }

  static List<Instruction> instructions(String... lines) {
    return parse(lines).stages().get(0).instructions();
  }

  static DockerfileException error(String... lines) {
    return assertThrows(DockerfileException.class, () -> parse(lines));
  }

  @Test
  void escapeDirectiveChangesTheContinuationCharacter() {
    Dockerfile d = parse("# escape=`", "FROM base", "RUN dir c:\\ `", "  /b");
    assertEquals('`', d.escape());
    Instruction.Run run = (Instruction.Run) d.stages().get(0).instructions().get(0);
    assertEquals(List.of("dir c:\\   /b"), run.command().args());
    assertEquals(3, run.location().line());
  }

  @Test
  void directivesAreCaseInsensitiveAndSyntaxIsAcceptedAndIgnored() {
    Dockerfile d = parse("# syntax=docker/dockerfile:1", "#ESCAPE = `", "FROM base");
    assertEquals('`', d.escape());
  }

  @Test
  void directivesAreOnlyReadAtTheVeryTop() {
    assertEquals('\\', parse("# a comment", "# escape=`", "FROM base").escape());
    assertEquals('\\', parse("", "# escape=`", "FROM base").escape());
    assertEquals('\\', parse("FROM base", "# escape=`", "RUN a").escape());
    // An unknown directive ends the directives too.
    assertEquals('\\', parse("# foo=bar", "# escape=`", "FROM base").escape());
  }

  @Test
  void aDirectiveTwiceOrABadEscapeIsAnError() {
    DockerfileException twice = error("# escape=`", "# escape=\\", "FROM base");
    assertEquals("Dockerfile parse error line 2: only one escape parser directive can be used",
        twice.getMessage());
    DockerfileException bad = error("# escape=x", "FROM base");
    assertEquals("invalid escape token 'x' does not match ` or \\", bad.detail());
    assertEquals(1, bad.location().line());
  }

  @Test
  void commentsAndBlankLinesAreSkippedEvenInsideContinuations() {
    List<Instruction> list =
        instructions(
            "# leading comment",
            "FROM base",
            "",
            "   # indented comment",
            "RUN apt-get update \\",
            "# a comment inside the continuation",
            "",
            "    && apt-get install -y python3",
            "RUN echo # not a comment");
    assertEquals(2, list.size());
    Instruction.Run run = (Instruction.Run) list.get(0);
    assertEquals("apt-get update     && apt-get install -y python3", run.command().args().get(0));
    assertEquals("RUN apt-get update     && apt-get install -y python3", run.original());
    assertEquals(5, run.location().line());
    assertEquals(9, list.get(1).location().line());
    assertEquals("echo # not a comment", ((Instruction.Run) list.get(1)).command().args().get(0));
  }

  @Test
  void continuationAllowsTrailingBlanksAfterTheEscapeAndEndsAtEndOfFile() {
    List<Instruction> list = instructions("FROM base", "RUN a \\  \t", "b \\");
    // The joined line is "a b " and, as in Docker, the arguments are trimmed.
    assertEquals("a b", ((Instruction.Run) list.get(0)).command().args().get(0));
    assertEquals("RUN a b", list.get(0).original());
  }

  @Test
  void crlfLineEndingsAndAByteOrderMarkAreAccepted() {
    Dockerfile d = Dockerfile.parse("Dockerfile", "\uFEFFFROM base\r\nRUN a \\\r\n b\r\nUSER me\r\n");
    List<Instruction> list = d.stages().get(0).instructions();
    assertEquals("a  b", ((Instruction.Run) list.get(0)).command().args().get(0));
    assertEquals("me", ((Instruction.User) list.get(1)).user());
    assertEquals(4, list.get(1).location().line());
  }

  @Test
  void instructionNamesAreCaseInsensitive() {
    Dockerfile d = parse("from base AS Build", "rUn echo hi", "Cmd [\"sh\"]");
    assertEquals("build", d.stages().get(0).name());
    assertInstanceOf(Instruction.Run.class, d.stages().get(0).instructions().get(0));
    assertEquals("CMD", d.stages().get(0).instructions().get(1).keyword());
  }

  @Test
  void unknownInstructionNamesTheLineAndTheInstruction() {
    DockerfileException e = error("FROM base", "RUN true", "", "foobar x");
    assertEquals("Dockerfile parse error line 4: unknown instruction: FOOBAR", e.getMessage());
    assertEquals(new Location("Dockerfile", 4), e.location());
    assertEquals("unknown instruction: FOOBAR", e.detail());
  }

  @Test
  void errorsNameAFileThatIsNotCalledDockerfile() {
    DockerfileException e =
        assertThrows(
            DockerfileException.class, () -> Dockerfile.parse("build/Dockerfile.dev", "FROM a\nBAD"));
    assertEquals("build/Dockerfile.dev parse error line 2: unknown instruction: BAD", e.getMessage());
  }

  @Test
  void anEmptyDockerfileIsAnError() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> Dockerfile.parse("df", ""));
    assertEquals("the Dockerfile (df) cannot be empty", e.getMessage());
    assertEquals(0, e.location().line());
    DockerfileException comments = error("# only a comment", "", "   ");
    assertEquals("file with no instructions", comments.getMessage());
  }

  @Test
  void instructionsBeforeTheFirstFromAreAnErrorExceptArg() {
    DockerfileException e = error("ARG V=1", "RUN echo", "FROM base");
    assertEquals("Dockerfile parse error line 2: no build stage in current context", e.getMessage());
    DockerfileException noFrom = error("ARG V=1");
    assertEquals("no build stage in current context", noFrom.detail());
  }

  @Test
  void argsBeforeTheFirstFromAreGlobal() {
    Dockerfile d = parse("ARG BASE=debian", "ARG TAG", "FROM ${BASE}:${TAG}", "ARG INSIDE=1");
    assertEquals(2, d.globalArgs().size());
    assertEquals("BASE", d.globalArgs().get(0).name());
    assertEquals("debian", d.globalArgs().get(0).defaultValue());
    assertNull(d.globalArgs().get(1).defaultValue());
    assertEquals(1, d.stages().get(0).instructions().size());
  }

  @Test
  void stagesSplitAtEachFrom() {
    Dockerfile d =
        parse(
            "FROM golang AS build",
            "RUN go build",
            "FROM --platform=linux/amd64 scratch",
            "COPY --from=build /app /app",
            "CMD [\"/app\"]");
    assertEquals(2, d.stages().size());
    Stage first = d.stages().get(0);
    assertEquals(0, first.index());
    assertEquals("build", first.name());
    assertEquals("golang", first.from().image());
    assertEquals(1, first.instructions().size());
    Stage second = d.stages().get(1);
    assertNull(second.name());
    assertEquals("1", second.displayName());
    assertEquals("scratch", second.from().image());
    assertEquals("linux/amd64", second.from().platform());
    assertEquals("FROM --platform=linux/amd64 scratch", second.from().original());
    assertEquals(2, second.instructions().size());
    assertEquals(3, second.from().location().line());
  }

  @Test
  void stageLookupByNameIgnoringCaseOrByIndex() {
    Dockerfile d = parse("FROM a AS First", "FROM b AS second", "FROM c");
    assertEquals(0, d.stage("FIRST").index());
    assertEquals(1, d.stage("second").index());
    assertEquals(2, d.stage("2").index());
    assertTrue(d.findStage("3").isEmpty());
    assertTrue(d.findStage("nope").isEmpty());
    DockerfileException e = assertThrows(DockerfileException.class, () -> d.stage("nope"));
    assertEquals("failed to reach build target nope in Dockerfile", e.getMessage());
  }

  @Test
  void fromNeedsOneOrThreeArgumentsAndAValidStageName() {
    assertEquals("FROM requires either one or three arguments", error("FROM").detail());
    assertEquals("FROM requires either one or three arguments", error("FROM a b").detail());
    assertEquals("FROM requires either one or three arguments", error("FROM a AS b c").detail());
    assertEquals(
        "invalid name for build stage: \"1st\", name can't start with a number or contain symbols",
        error("FROM a AS 1st").detail());
    assertEquals("Unknown flag: os", error("FROM --os=linux a").detail());
  }

  @Test
  void duplicateStageNamesAreAnError() {
    DockerfileException e = error("FROM a AS x", "FROM b AS X");
    assertEquals("Dockerfile parse error line 2: duplicate stage name \"x\"", e.getMessage());
  }

  @Test
  void originalIsTrimmedAndJoined() {
    Instruction i = instructions("FROM a", "   ENV A=1 \\", "   B=2   ").get(0);
    assertEquals("ENV A=1    B=2", i.original());
  }

  @Test
  void parseErrorsInAContinuedInstructionReportItsFirstLine() {
    DockerfileException e = error("FROM a", "COPY \\", "  onlyone");
    assertEquals(2, e.location().line());
  }

  @Test
  void anArgWithSeveralNamesDeclaresEach() {
    List<Instruction> list = instructions("FROM a", "ARG A B=2");
    assertEquals(2, list.size());
    Instruction.Arg b = (Instruction.Arg) list.get(1);
    assertEquals("B", b.name());
    assertEquals("2", b.defaultValue());
    assertEquals("ARG A B=2", b.original());
    assertFalse(list.get(0) == list.get(1));
  }
}
