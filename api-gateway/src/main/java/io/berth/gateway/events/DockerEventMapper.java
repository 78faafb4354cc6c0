package io.berth.gateway.events;

import io.berth.events.CloudEvent;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerRenamed;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.image.v1.ImageImported;
import io.berth.events.image.v1.ImagePulled;
import io.berth.events.image.v1.ImagePushed;
import io.berth.events.image.v1.ImageDeleted;
import io.berth.events.image.v1.ImageTagged;
import io.berth.events.image.v1.ImageUntagged;
import io.berth.events.network.v1.EndpointConnected;
import io.berth.events.network.v1.EndpointDisconnected;
import io.berth.events.network.v1.NetworkCreated;
import io.berth.events.network.v1.NetworkRemoved;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Berth facts into Docker events. One instance per `docker events` stream: it remembers each
 * container's image and labels from its create fact, because Docker repeats them on every event
 * of the container while later facts (ContainerRemoved) do not carry them.
 */
public class DockerEventMapper {

  private record Known(String image, Map<String, String> labels) {}

  private final Map<String, Known> containers = new HashMap<>();

  /** The Docker event for {@code event}, or empty for facts Docker has no event for. */
  public Optional<DockerEvent> map(CloudEvent<?> event, Instant fallbackTime) {
    Instant time = event.time() != null ? event.time() : fallbackTime;
    Object data = event.data();
    if (data instanceof ContainerCreated c) {
      containers.put(c.containerId(), new Known(c.image(), c.labels()));
      return Optional.of(container("create", c.containerId(), c.name(), c.image(), Map.of(), time));
    }
    if (data instanceof ContainerStarted s) {
      return Optional.of(container("start", s.containerId(), s.name(), s.image(), Map.of(), time));
    }
    if (data instanceof ContainerDied d) {
      return Optional.of(
          container(
              "die", d.containerId(), d.name(), d.image(),
              Map.of("exitCode", Integer.toString(d.exitCode())), time));
    }
    if (data instanceof ContainerRenamed r) {
      // Docker reports the old name as stored, with its leading slash.
      String oldName = r.oldName() == null ? "" : "/" + r.oldName().replaceFirst("^/", "");
      return Optional.of(
          container("rename", r.containerId(), r.name(), r.image(), Map.of("oldName", oldName), time));
    }
    if (data instanceof io.berth.events.container.v1.ContainerPaused p) {
      return Optional.of(container("pause", p.containerId(), p.name(), p.image(), Map.of(), time));
    }
    if (data instanceof io.berth.events.container.v1.ContainerUnpaused u) {
      return Optional.of(container("unpause", u.containerId(), u.name(), u.image(), Map.of(), time));
    }
    if (data instanceof ContainerRemoved r) {
      DockerEvent destroy = container("destroy", r.containerId(), r.name(), null, Map.of(), time);
      containers.remove(r.containerId());
      return Optional.of(destroy);
    }
    if (data instanceof ImageImported i) {
      Map<String, String> attributes = new LinkedHashMap<>();
      if (!i.repoTags().isEmpty()) {
        attributes.put("name", i.repoTags().get(0));
      }
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "import", i.imageId(), attributes, time));
    }
    if (data instanceof ImagePushed p) {
      // Docker names a push by the reference pushed: repo:tag, or repo@digest for a push by digest.
      String ref = p.repository() + (p.tag() != null ? ":" + p.tag() : "@" + p.manifestDigest());
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "push", ref, Map.of("name", ref), time));
    }
    if (data instanceof ImagePulled p) {
      // dockerd's pull event is named by the reference pulled (busybox:latest), not the image id.
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "pull", p.reference(), Map.of("name", p.reference()), time));
    }
    if (data instanceof ImageTagged t) {
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "tag", t.imageId(), Map.of("name", t.repoTag()), time));
    }
    if (data instanceof ImageUntagged u) {
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "untag", u.imageId(), Map.of("name", u.repoTag()), time));
    }
    if (data instanceof ImageDeleted d) {
      return Optional.of(new DockerEvent(DockerEvent.IMAGE, "delete", d.imageId(), Map.of("name", d.imageId()), time));
    }
    return network(data, time);
  }

  // Docker's network events: create/destroy name the network; connect/disconnect add the container.
  private static Optional<DockerEvent> network(Object data, Instant time) {
    if (data instanceof NetworkCreated n) {
      return Optional.of(new DockerEvent(DockerEvent.NETWORK, "create", n.networkId(),
          Map.of("name", n.name(), "type", driver(n.driver())), time));
    }
    if (data instanceof NetworkRemoved n) {
      return Optional.of(new DockerEvent(DockerEvent.NETWORK, "destroy", n.networkId(),
          Map.of("name", n.name(), "type", driver(n.driver())), time));
    }
    if (data instanceof EndpointConnected c) {
      return Optional.of(new DockerEvent(DockerEvent.NETWORK, "connect", c.networkId(),
          Map.of("container", c.containerId(), "name", c.networkName(), "type", driver(c.driver())), time));
    }
    if (data instanceof EndpointDisconnected d) {
      return Optional.of(new DockerEvent(DockerEvent.NETWORK, "disconnect", d.networkId(),
          Map.of("container", d.containerId(), "name", d.networkName(), "type", driver(d.driver())), time));
    }
    return Optional.empty();
  }

  private static String driver(String driver) {
    return driver == null ? "bridge" : driver;
  }

  private DockerEvent container(
      String action, String id, String name, String image, Map<String, String> extra, Instant time) {
    Known known = containers.get(id);
    Map<String, String> attributes = new LinkedHashMap<>();
    if (known != null) {
      attributes.putAll(known.labels());
    }
    String img = image != null ? image : known != null ? known.image() : null;
    if (img != null) {
      attributes.put("image", img);
    }
    if (name != null) {
      attributes.put("name", name.replaceFirst("^/", ""));
    }
    attributes.putAll(extra);
    return new DockerEvent(DockerEvent.CONTAINER, action, id, attributes, time);
  }
}
