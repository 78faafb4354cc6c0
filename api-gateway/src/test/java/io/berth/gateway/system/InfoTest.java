package io.berth.gateway.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class InfoTest {

  @Test
  void reportsTheRealMachineAndBerth() throws Exception {
    HostFacts host = HostFacts.read(Path.of("/"));
    String id = Files.readString(BerthInfra.berthHome().resolve(EngineId.FILE)).trim();
    given()
        .get("/v1.41/info")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .header("Api-Version", "1.41")
        .body("ID", equalTo(id))
        .body("ID", matchesPattern("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"))
        .body("NCPU", equalTo(Runtime.getRuntime().availableProcessors()))
        .body("MemTotal", equalTo(host.memTotal()))
        .body("KernelVersion", equalTo(host.kernelVersion()))
        .body("OperatingSystem", equalTo(host.operatingSystem()))
        .body("OSType", equalTo("linux"))
        .body("Architecture", equalTo("x86_64"))
        .body("Name", equalTo(host.hostname()))
        .body("ServerVersion", equalTo("0.1.0-SNAPSHOT"))
        .body("DockerRootDir", equalTo(BerthInfra.berthHome().toString()))
        .body("Driver", equalTo("overlay"))
        .body("CgroupDriver", equalTo("cgroupfs"))
        .body("CgroupVersion", equalTo(Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1"))
        .body("Runtimes", hasKey("runc"))
        .body("Runtimes", hasKey("crun"))
        .body("DefaultRuntime", equalTo("runc"))
        .body("LoggingDriver", equalTo("json-file"))
        .body("Swarm.LocalNodeState", equalTo("inactive"))
        .body("Containers", equalTo(0))
        .body("Images", equalTo(0))
        .body("$", hasKey("SecurityOptions"))
        .body("$", hasKey("Warnings"));
  }
}
