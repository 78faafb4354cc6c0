package io.berth.node.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker top's filtering of the host's ps output, as dockerd does it. */
class ProcessTableTest {
  static final String PS =
      "UID          PID    PPID  C STIME TTY          TIME CMD\n"
      + "root           1       0  0 10:00 ?        00:00:01 /sbin/init\n"
      + "root        4242    4200  0 10:01 ?        00:00:00 sleep 300\n"
      + "1000        4243    4242  1 10:01 pts/0    00:00:00 sh -c echo a b\n";

  @Test
  void keepsTheContainersProcessesWithTheirWholeCommand() throws Exception {
    ProcessTable.Top top = ProcessTable.parse(PS, Set.of(4242L, 4243L));
    assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), top.titles());
    assertEquals(2, top.processes().size());
    assertEquals("sleep 300", top.processes().get(0).get(7));
    assertEquals("sh -c echo a b", top.processes().get(1).get(7));
  }

  @Test
  void withoutAPidColumnItFails() {
    assertThrows(ProcessTable.PsException.class, () -> ProcessTable.parse("USER CMD\nroot x\n", Set.of(1L)));
  }

  @Test
  void realPsFindsThisJvm() throws Exception {
    long me = ProcessHandle.current().pid();
    ProcessTable.Top top = ProcessTable.top(null, Set.of(me));
    assertEquals(1, top.processes().size());
    assertEquals(String.valueOf(me), top.processes().get(0).get(1));
  }
}
