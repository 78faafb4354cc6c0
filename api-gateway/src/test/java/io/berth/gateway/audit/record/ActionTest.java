package io.berth.gateway.audit.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionTest {

  static Action of(String method, String path, Map<String, String> query) {
    return Action.of(method, path, query::get);
  }

  static Action of(String method, String path) {
    return of(method, path, Map.of());
  }

  @Test
  void containerCalls() {
    assertEquals(new Action("container.create", "container", "web"), of("POST", "/containers/create", Map.of("name", "web")));
    assertEquals(new Action("container.create", "container", null), of("POST", "/containers/create"));
    assertEquals(new Action("container.start", "container", "abc"), of("POST", "/containers/abc/start"));
    assertEquals(new Action("container.delete", "container", "abc"), of("DELETE", "/containers/abc"));
    assertEquals(new Action("container.prune", "container", null), of("POST", "/containers/prune"));
    assertEquals(new Action("container.list", "container", null), of("GET", "/containers/json"));
    assertEquals(new Action("container.inspect", "container", "abc"), of("GET", "/containers/abc/json"));
    assertEquals(new Action("container.exec", "container", "abc"), of("POST", "/containers/abc/exec"));
    assertEquals(new Action("exec.start", "exec", "e1"), of("POST", "/exec/e1/start"));
    assertEquals(new Action("commit", "container", "abc"), of("POST", "/commit", Map.of("container", "abc")));
  }

  @Test
  void imageNamesKeepTheirSlashesAndColons() {
    assertEquals(new Action("image.tag", "image", "localhost:5050/team/app:1.0"),
        of("POST", "/images/localhost:5050/team/app:1.0/tag"));
    assertEquals(new Action("image.delete", "image", "localhost:5050/team/app:1.0"),
        of("DELETE", "/images/localhost:5050/team/app:1.0"));
    assertEquals(new Action("image.pull", "image", "busybox:latest"),
        of("POST", "/images/create", Map.of("fromImage", "busybox", "tag", "latest")));
    assertEquals(new Action("image.import", "image", null), of("POST", "/images/create", Map.of("fromSrc", "-")));
    assertEquals(new Action("image.load", "image", null), of("POST", "/images/load"));
    assertEquals(new Action("image.push", "image", "team/app"), of("POST", "/images/team/app/push"));
  }

  @Test
  void networksVolumesAndThePlatformApi() {
    assertEquals(new Action("network.connect", "network", "n1"), of("POST", "/networks/n1/connect"));
    assertEquals(new Action("volume.delete", "volume", "data"), of("DELETE", "/volumes/data"));
    assertEquals(new Action("webhook.create", null, null), of("POST", "/berth/v1/webhooks"));
    assertEquals(new Action("webhook.update", "webhook", "w1"), of("PATCH", "/berth/v1/webhooks/w1"));
    assertEquals(new Action("webhook.test", "webhook", "w1"), of("POST", "/berth/v1/webhooks/w1/test"));
    assertEquals(new Action("webhook.redeliver", "webhook", "w1"),
        of("POST", "/berth/v1/webhooks/w1/deliveries/7/redeliver"));
    assertEquals(new Action("token.delete", "token", "t1"), of("DELETE", "/berth/v1/tokens/t1"));
    assertEquals(new Action("build", null, null), of("POST", "/build"));
  }
}
