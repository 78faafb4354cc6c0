package io.berth.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.launcher.Berth;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BerthCommandTest {
  @Test
  void parsesUpDetached() {
    CommandLine.ParseResult r = Berth.commandLine().parseArgs("up", "-d");
    UpCommand up = (UpCommand) r.subcommand().commandSpec().userObject();
    assertTrue(up.detach);
    assertTrue(((UpCommand) Berth.commandLine().parseArgs("up", "--detach").subcommand().commandSpec().userObject()).detach);
  }

  @Test
  void parsesLogsComponentAndFollow() {
    LogsCommand logs = (LogsCommand) Berth.commandLine().parseArgs("logs", "kafka", "-f").subcommand().commandSpec().userObject();
    assertEquals("kafka", logs.component);
    assertTrue(logs.follow);
  }

  @Test
  void unknownCommandsAndComponentsAreErrors() {
    CommandLine cl = Berth.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertNotEquals(0, cl.execute("launch"));
    assertEquals(2, Berth.commandLine().execute("logs", "no-such-thing"));
  }

  @Test
  void resetRefusesWithoutYes() {
    assertEquals(2, Berth.commandLine().execute("reset"));
  }

  @Test
  void superviseIsHidden() {
    StringWriter out = new StringWriter();
    Berth.commandLine().usage(new PrintWriter(out));
    assertTrue(out.toString().contains("status"));
    assertTrue(!out.toString().contains("supervise"));
  }
}
