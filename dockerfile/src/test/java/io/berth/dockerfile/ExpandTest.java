package io.berth.dockerfile;

import static io.berth.dockerfile.ParserTest.instructions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which instructions substitute variables and remove quotes, and which are left alone. */
class ExpandTest {
  private static final Map<String, String> ENV =
      Map.of("APP", "/srv/app", "USER_ID", "1000", "PORT", "5000", "NAME", "demo", "STAGE", "build");

  private static Instruction expanded(String line) {
    return instructions("FROM base", line).get(0).expand(ENV);
  }

  @Test
  void envExpandsKeysAndValuesAndRemovesQuotes() {
    Instruction.Env env =
        (Instruction.Env) expanded("ENV DIR=$APP/data GREETING=\"hello $NAME\" RAW='$NAME' ESC=a\\ b");
    assertEquals(
        List.of(
            new KeyValue("DIR", "/srv/app/data"),
            new KeyValue("GREETING", "hello demo"),
            new KeyValue("RAW", "$NAME"),
            new KeyValue("ESC", "a b")),
        env.pairs());
    Instruction.Env legacy = (Instruction.Env) expanded("ENV PATH ${APP}/bin:\"$PATH\"");
    assertEquals(List.of(new KeyValue("PATH", "/srv/app/bin:")), legacy.pairs());
  }

  @Test
  void labelExpands() {
    Instruction.Label label = (Instruction.Label) expanded("LABEL \"app.name\"=\"$NAME app\"");
    assertEquals(List.of(new KeyValue("app.name", "demo app")), label.pairs());
  }

  @Test
  void copyAndAddExpandSourcesDestinationAndFlags() {
    Instruction.Copy copy =
        (Instruction.Copy)
            expanded("COPY --from=$STAGE --chown=${USER_ID}:${USER_ID} --chmod=${MODE:-644} $NAME.py ${APP}/");
    assertEquals(List.of("demo.py"), copy.sources());
    assertEquals("/srv/app/", copy.destination());
    assertEquals("build", copy.from());
    assertEquals("1000:1000", copy.chown());
    assertEquals("644", copy.chmod());
    Instruction.Copy json = (Instruction.Copy) expanded("COPY [\"$NAME dir\", \"$APP\"]");
    assertEquals(List.of("demo dir"), json.sources());
    assertEquals("/srv/app", json.destination());
    Instruction.Add add = (Instruction.Add) expanded("ADD --checksum=$NAME $NAME.tar $APP");
    assertEquals(List.of("demo.tar"), add.sources());
    assertEquals("demo", add.checksum());
    assertNull(add.chown());
  }

  @Test
  void singleWordInstructionsExpand() {
    assertEquals("/srv/app/src", ((Instruction.Workdir) expanded("WORKDIR $APP/src")).path());
    assertEquals("1000", ((Instruction.User) expanded("USER ${USER_ID}")).user());
    assertEquals("SIGTERM", ((Instruction.StopSignal) expanded("STOPSIGNAL ${SIG:-SIGTERM}")).signal());
    assertEquals(List.of("5000", "5000/udp"),
        ((Instruction.Expose) expanded("EXPOSE $PORT ${PORT}/udp")).ports());
    assertEquals(List.of("/srv/app/data"), ((Instruction.Volume) expanded("VOLUME $APP/data")).paths());
  }

  @Test
  void argDefaultsExpand() {
    Instruction.Arg arg = (Instruction.Arg) expanded("ARG DIR=$APP/x");
    assertEquals("DIR", arg.name());
    assertEquals("/srv/app/x", arg.defaultValue());
    Instruction.Arg none = (Instruction.Arg) expanded("ARG NODEFAULT");
    assertNull(none.defaultValue());
  }

  @Test
  void fromExpandsImageAndPlatformButNotTheAlias() {
    Dockerfile d = ParserTest.parse("ARG TAG=12", "FROM --platform=$PLAT debian:${TAG} AS Final");
    Instruction.From from =
        d.stages().get(0).from().expand(Map.of("TAG", "12", "PLAT", "linux/arm64"));
    assertEquals("debian:12", from.image());
    assertEquals("linux/arm64", from.platform());
    assertEquals("final", from.alias());
    Instruction.From noPlatform = ParserTest.parse("FROM a").stages().get(0).from().expand(ENV);
    assertNull(noPlatform.platform());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RUN echo $NAME",
        "CMD echo $NAME",
        "ENTRYPOINT [\"echo\", \"$NAME\"]",
        "SHELL [\"/bin/$NAME\"]",
        "HEALTHCHECK CMD echo $NAME",
        "ONBUILD RUN echo $NAME",
        "MAINTAINER $NAME"
      })
  void instructionsRunByTheShellOrStoredAsIsAreNotExpanded(String line) {
    Instruction parsed = instructions("FROM base", line).get(0);
    assertSame(parsed, parsed.expand(ENV));
  }

  @Test
  void unsetVariablesExpandToEmpty() {
    assertEquals("/x", ((Instruction.Workdir) expanded("WORKDIR $NOPE/x")).path());
  }

  @Test
  void aSubstitutionErrorNamesTheLine() {
    Instruction bad = instructions("FROM base", "RUN true", "WORKDIR ${APP").get(1);
    DockerfileException e = assertThrows(DockerfileException.class, () -> bad.expand(ENV));
    assertEquals(3, e.location().line());
    assertTrue(e.getMessage().startsWith("Dockerfile parse error line 3: failed to process"),
        e.getMessage());
  }

  @Test
  void theDockerfileEscapeAppliesWhenGiven() {
    Dockerfile d = ParserTest.parse("# escape=`", "FROM base", "WORKDIR C:\\app\\`$NAME");
    Instruction w = d.stages().get(0).instructions().get(0);
    assertEquals("C:\\app\\$NAME", ((Instruction.Workdir) w.expand(ENV, d.escape())).path());
  }
}
