package io.berth.dockerfile;

import static io.berth.dockerfile.ParserTest.instructions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RUN here-documents, which BuildKit-era Dockerfiles use. */
class HeredocTest {
  @Test
  void aRunThatIsOnlyAHeredocRunsItsContentAsTheScript() {
    List<Instruction> list =
        instructions(
            "FROM base",
            "RUN <<EOF",
            "apt-get update",
            "# kept: a heredoc line is not a Dockerfile comment",
            "apt-get install -y curl \\",
            "EOF",
            "USER app");
    Instruction.Run run = (Instruction.Run) list.get(0);
    assertEquals(
        List.of("apt-get update\n# kept: a heredoc line is not a Dockerfile comment\napt-get install -y curl \\\n"),
        run.command().args());
    assertTrue(run.command().shellForm());
    assertEquals("RUN <<EOF", run.original());
    assertEquals(7, list.get(1).location().line());
  }

  @Test
  void otherwiseTheHeredocsFollowTheCommandLineForTheShell() {
    Instruction.Run run =
        (Instruction.Run)
            instructions("FROM base", "RUN cat <<'A' > /a && cat <<-B > /b", "x $HOME", "A", "\t\ty", "\tB")
                .get(0);
    assertEquals(List.of("cat <<'A' > /a && cat <<-B > /b\nx $HOME\nA\ny\nB"), run.command().args());
  }

  @Test
  void hereStringsAndJsonFormAreNotHeredocs() {
    Instruction.Run hereString =
        (Instruction.Run) instructions("FROM base", "RUN cat <<<hello", "USER app").get(0);
    assertEquals(List.of("cat <<<hello"), hereString.command().args());
    Instruction.Run json =
        (Instruction.Run) instructions("FROM base", "RUN [\"sh\", \"<<EOF\"]", "USER x").get(0);
    assertEquals(List.of("sh", "<<EOF"), json.command().args());
  }

  @Test
  void unsupportedOrUnterminatedHeredocsAreErrors() {
    DockerfileException open =
        assertThrows(DockerfileException.class, () -> instructions("FROM base", "RUN <<EOF", "echo"));
    assertEquals("Dockerfile parse error line 2: unterminated heredoc EOF", open.getMessage());
    DockerfileException copy =
        assertThrows(
            DockerfileException.class,
            () -> instructions("FROM base", "COPY <<EOF /etc/motd", "hello", "EOF"));
    assertEquals("COPY with a heredoc source is not supported yet", copy.detail());
    DockerfileException shebang =
        assertThrows(
            DockerfileException.class,
            () -> instructions("FROM base", "RUN <<EOF", "#!/usr/bin/env python3", "print(1)", "EOF"));
    assertTrue(shebang.detail().contains("#!"));
  }
}
