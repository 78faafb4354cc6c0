package io.berth.dockerfile;

import static io.berth.dockerfile.ParserTest.instructions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each instruction's arguments, forms, flags and error messages. */
class InstructionsTest {
  private static Instruction one(String line) {
    return instructions("FROM base", line).get(0);
  }

  private static String error(String line) {
    DockerfileException e =
        assertThrows(DockerfileException.class, () -> instructions("FROM base", line));
    assertEquals(2, e.location().line(), e.getMessage());
    assertEquals("Dockerfile parse error line 2: " + e.detail(), e.getMessage());
    return e.detail();
  }

  @Test
  void runCmdEntrypointTakeExecOrShellForm() {
    Instruction.Run exec = (Instruction.Run) one("RUN [\"echo\", \"a b\"]");
    assertEquals(new Command(List.of("echo", "a b"), false), exec.command());
    Instruction.Cmd shell = (Instruction.Cmd) one("CMD echo \"$HOME\"  && ls");
    assertEquals(new Command(List.of("echo \"$HOME\"  && ls"), true), shell.command());
    Instruction.Entrypoint ep = (Instruction.Entrypoint) one("ENTRYPOINT [\"/bin/app\"] ");
    assertEquals(new Command(List.of("/bin/app"), false), ep.command());
    Instruction.Cmd empty = (Instruction.Cmd) one("CMD []");
    assertEquals(new Command(List.of(), false), empty.command());
  }

  @Test
  void textAfterAJsonArrayIsIgnoredAsGosDecoderDoes() {
    assertEquals(
        new Command(List.of("a"), false), ((Instruction.Cmd) one("CMD [\"a\"] trailing")).command());
  }

  @Test
  void emptyFlagValuesCountAsAbsent() {
    Instruction.Copy copy = (Instruction.Copy) one("COPY --from= --chown= a b");
    assertNull(copy.from());
    assertNull(copy.chown());
  }

  @Test
  void invalidJsonFallsBackToShellForm() {
    assertEquals(
        new Command(List.of("[\"echo\", 'single']"), true),
        ((Instruction.Run) one("RUN [\"echo\", 'single']")).command());
    assertEquals(
        new Command(List.of("[ \"unterminated"), true),
        ((Instruction.Cmd) one("CMD [ \"unterminated")).command());
  }

  @Test
  void jsonArraysMustHoldOnlyStrings() {
    assertEquals(
        "when using JSON array syntax, arrays must be comprised of strings only",
        error("CMD [\"sleep\", 10]"));
    assertEquals(
        "when using JSON array syntax, arrays must be comprised of strings only",
        error("COPY [\"a\", 1]"));
  }

  @Test
  void runAcceptsTheDefaultNetworkAndRejectsBuildKitOnlyFlags() {
    Instruction.Run run = (Instruction.Run) one("RUN --network=default echo hi");
    assertEquals(List.of("echo hi"), run.command().args());
    assertEquals("RUN --network=default echo hi", run.original());
    assertTrue(error("RUN --mount=type=cache,target=/root/.cache make").startsWith(
        "the --mount option requires BuildKit"));
    assertTrue(error("RUN --network=none make").startsWith("the --network option requires BuildKit"));
    assertEquals("Unknown flag: foo", error("RUN --foo=bar make"));
  }

  @Test
  void shellMustBeJson() {
    assertEquals(
        List.of("/bin/bash", "-c"), ((Instruction.Shell) one("SHELL [\"/bin/bash\", \"-c\"]")).shell());
    assertEquals("SHELL requires the arguments to be in JSON form", error("SHELL /bin/bash -c"));
    assertEquals("SHELL requires at least one argument", error("SHELL []"));
    assertEquals("SHELL requires at least one argument", error("SHELL"));
  }

  @Test
  void envTakesPairsWithQuotesKeptForSubstitution() {
    Instruction.Env env = (Instruction.Env) one("ENV A=1 B=\"two words\" C=three\\ words D=");
    assertEquals(
        List.of(
            new KeyValue("A", "1"),
            new KeyValue("B", "\"two words\""),
            new KeyValue("C", "three\\ words"),
            new KeyValue("D", "")),
        env.pairs());
  }

  @Test
  void envLegacyFormTakesTheRestOfTheLine() {
    Instruction.Env env = (Instruction.Env) one("ENV PATH /usr/local/bin:$PATH and more");
    assertEquals(List.of(new KeyValue("PATH", "/usr/local/bin:$PATH and more")), env.pairs());
  }

  @Test
  void envAndLabelErrors() {
    assertEquals("ENV requires at least one argument", error("ENV"));
    assertEquals("ENV names can not be blank", error("ENV =value"));
    assertEquals("ENV must have two arguments", error("ENV ONLY"));
    assertEquals(
        "Syntax error - can't find = in \"b\". Must be of the form: name=value",
        error("ENV a=1 b"));
    assertEquals("LABEL names can not be blank", error("LABEL =x"));
    assertEquals("LABEL requires at least one argument", error("LABEL"));
    assertEquals("Unknown flag: x", error("ENV --x=1 A=1"));
  }

  @Test
  void labelTakesPairs() {
    Instruction.Label label =
        (Instruction.Label) one("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0");
    assertEquals(
        List.of(
            new KeyValue("\"com.example.vendor\"", "\"ACME Inc\""), new KeyValue("version", "1.0")),
        label.pairs());
  }

  @Test
  void argWithAndWithoutDefault() {
    Instruction.Arg plain = (Instruction.Arg) one("ARG VERSION");
    assertEquals("VERSION", plain.name());
    assertNull(plain.defaultValue());
    Instruction.Arg withDefault = (Instruction.Arg) one("ARG VERSION=\"1 2\"");
    assertEquals("\"1 2\"", withDefault.defaultValue());
    Instruction.Arg empty = (Instruction.Arg) one("ARG E=");
    assertEquals("", empty.defaultValue());
    assertEquals("ARG names can not be blank", error("ARG =1"));
    assertEquals("ARG requires at least one argument", error("ARG"));
  }

  @Test
  void singleArgumentInstructions() {
    assertEquals("app:app", ((Instruction.User) one("USER app:app")).user());
    assertEquals("/srv/my app", ((Instruction.Workdir) one("WORKDIR /srv/my app")).path());
    assertEquals("SIGINT", ((Instruction.StopSignal) one("STOPSIGNAL SIGINT")).signal());
    assertEquals("Jo <jo@x>", ((Instruction.Maintainer) one("MAINTAINER Jo <jo@x>")).name());
    assertEquals("USER requires exactly one argument", error("USER"));
    assertEquals("WORKDIR requires exactly one argument", error("WORKDIR   "));
    assertEquals("STOPSIGNAL requires exactly one argument", error("STOPSIGNAL"));
    assertEquals("MAINTAINER requires exactly one argument", error("MAINTAINER"));
  }

  @Test
  void exposeAndVolume() {
    assertEquals(List.of("80/tcp", "443", "53/udp"),
        ((Instruction.Expose) one("EXPOSE 80/tcp 443\t53/udp")).ports());
    assertEquals("EXPOSE requires at least one argument", error("EXPOSE"));
    assertEquals(List.of("/data", "/logs"), ((Instruction.Volume) one("VOLUME /data /logs")).paths());
    assertEquals(List.of("/my data"), ((Instruction.Volume) one("VOLUME [\"/my data\"]")).paths());
    assertEquals("VOLUME specified can not be an empty string", error("VOLUME [\"/a\", \" \"]"));
    assertEquals("VOLUME requires at least one argument", error("VOLUME"));
  }

  @Test
  void copyWithFlagsAndBothForms() {
    Instruction.Copy copy =
        (Instruction.Copy) one("COPY --from=build --chown=app:app --chmod=0755 --link a b /dst/");
    assertEquals(List.of("a", "b"), copy.sources());
    assertEquals("/dst/", copy.destination());
    assertEquals("build", copy.from());
    assertEquals("app:app", copy.chown());
    assertEquals("0755", copy.chmod());
    assertTrue(copy.link());
    Instruction.Copy json = (Instruction.Copy) one("COPY [\"my file\", \"other\", \"/d st\"]");
    assertEquals(List.of("my file", "other"), json.sources());
    assertEquals("/d st", json.destination());
    assertNull(json.from());
    assertNull(json.chown());
    assertFalse(json.link());
    assertFalse(((Instruction.Copy) one("COPY --link=false a b")).link());
    assertEquals("x y", ((Instruction.Copy) one("COPY --chown=\"x y\" a b")).chown());
  }

  @Test
  void copyAndAddErrors() {
    assertEquals(
        "COPY requires at least two arguments, but only one was provided. Destination could not"
            + " be determined.",
        error("COPY onlyone"));
    assertTrue(error("ADD").startsWith("ADD requires at least two arguments"));
    assertEquals("Unknown flag: foo", error("COPY --foo=1 a b"));
    assertEquals("Unknown flag: from", error("ADD --from=x a b"));
    assertEquals("Unknown flag: checksum", error("COPY --checksum=sha256:abc a b"));
    assertEquals("Duplicate flag specified: from", error("COPY --from=a --from=b a b"));
    assertEquals("Missing a value on flag: from", error("COPY --from a b"));
    assertEquals("Missing a value on flag: link", error("COPY --link= a b"));
    assertEquals("Expecting boolean value for flag link, not: maybe", error("COPY --link=maybe a b"));
  }

  @Test
  void addWithChecksum() {
    Instruction.Add add =
        (Instruction.Add) one("ADD --checksum=sha256:abc --chown=1:2 --link https://x/y.tgz /opt/");
    assertEquals(List.of("https://x/y.tgz"), add.sources());
    assertEquals("/opt/", add.destination());
    assertEquals("sha256:abc", add.checksum());
    assertEquals("1:2", add.chown());
    assertNull(add.chmod());
  }

  @Test
  void aDoubleDashEndsTheFlags() {
    Instruction.Copy copy = (Instruction.Copy) one("COPY --chown=1 -- --weird /d");
    assertEquals(List.of("--weird"), copy.sources());
    assertEquals("1", copy.chown());
  }

  @Test
  void healthcheckNone() {
    Instruction.Healthcheck none = (Instruction.Healthcheck) one("HEALTHCHECK none");
    assertEquals(List.of("NONE"), none.test());
    assertNull(none.interval());
    assertNull(none.retries());
    assertEquals("HEALTHCHECK NONE takes no arguments", error("HEALTHCHECK NONE now"));
  }

  @Test
  void healthcheckCommandAndOptions() {
    Instruction.Healthcheck hc =
        (Instruction.Healthcheck)
            one(
                "HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=1.5s"
                    + " --start-interval=2s --retries=3 CMD curl -f http://localhost/ || exit 1");
    assertEquals(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"), hc.test());
    assertEquals(Duration.ofSeconds(90), hc.interval());
    assertEquals(Duration.ofMillis(500), hc.timeout());
    assertEquals(Duration.ofMillis(1500), hc.startPeriod());
    assertEquals(Duration.ofSeconds(2), hc.startInterval());
    assertEquals(3, hc.retries());
    Instruction.Healthcheck exec =
        (Instruction.Healthcheck) one("HEALTHCHECK cmd [\"/bin/check\", \"-q\"]");
    assertEquals(List.of("CMD", "/bin/check", "-q"), exec.test());
    assertNull(exec.timeout());
  }

  @Test
  void healthcheckErrors() {
    assertEquals("HEALTHCHECK requires at least one argument", error("HEALTHCHECK"));
    assertEquals("Unknown type \"RUN\" in HEALTHCHECK (try CMD)", error("HEALTHCHECK RUN x"));
    assertEquals("Missing command after HEALTHCHECK CMD", error("HEALTHCHECK CMD"));
    assertEquals("time: unknown unit \"x\" in duration \"5x\"", error("HEALTHCHECK --interval=5x CMD a"));
    assertEquals("time: missing unit in duration \"5\"", error("HEALTHCHECK --timeout=5 CMD a"));
    assertEquals("Interval \"interval\" cannot be less than 1ms",
        error("HEALTHCHECK --interval=10us CMD a"));
    assertEquals("--retries cannot be negative (-1)", error("HEALTHCHECK --retries=-1 CMD a"));
    assertEquals("Unknown flag: every", error("HEALTHCHECK --every=5s CMD a"));
  }

  @Test
  void onbuildKeepsTheTriggerText() {
    Instruction.OnBuild ob = (Instruction.OnBuild) one("ONBUILD  COPY --chown=1 . /app/src");
    assertEquals("COPY --chown=1 . /app/src", ob.expression());
    Instruction.Copy trigger = (Instruction.Copy) ob.trigger();
    assertEquals("1", trigger.chown());
    assertEquals(ob.location(), trigger.location());
    Instruction.OnBuild run = (Instruction.OnBuild) one("onbuild run echo $HOME");
    assertEquals("run echo $HOME", run.expression());
  }

  @Test
  void onbuildRestrictions() {
    assertEquals("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", error("ONBUILD ONBUILD RUN x"));
    assertEquals("FROM isn't allowed as an ONBUILD trigger", error("ONBUILD from x"));
    assertEquals("MAINTAINER isn't allowed as an ONBUILD trigger", error("ONBUILD MAINTAINER x"));
    assertEquals("ONBUILD requires at least one argument", error("ONBUILD"));
    assertEquals("unknown instruction: NOPE", error("ONBUILD NOPE x"));
  }

  @Test
  void keywords() {
    assertEquals("HEALTHCHECK", one("HEALTHCHECK NONE").keyword());
    assertEquals("STOPSIGNAL", one("STOPSIGNAL 9").keyword());
    assertEquals("ONBUILD", one("ONBUILD RUN x").keyword());
    assertEquals("WORKDIR", one("WORKDIR /").keyword());
  }
}
