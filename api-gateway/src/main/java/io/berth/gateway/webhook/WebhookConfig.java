package io.berth.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of webhook dispatch and delivery ({@code berth.webhooks.*}). */
@ConfigMapping(prefix = "berth.webhooks")
public interface WebhookConfig {

  /** Whether the delivery worker runs in this process. */
  @WithDefault("true")
  boolean workerEnabled();

  /** Outbound connect timeout. */
  @WithDefault("PT5S")
  Duration connectTimeout();

  /** Time allowed for the receiver's response headers after the request was sent. */
  @WithDefault("PT10S")
  Duration readTimeout();

  /** At most this many bytes of a response are read and kept in the delivery log. */
  @WithDefault("1024")
  int responseSnippetBytes();

  /**
   * Destination addresses a webhook may never reach, as CIDRs, checked on every resolved address.
   * The defaults are the cloud metadata endpoints and the link-local ranges they live in; add
   * 127.0.0.0/8 and ::1/128 to keep webhooks off loopback services too.
   */
  @WithDefault("169.254.169.254/32,169.254.170.2/32,100.100.100.200/32,169.254.0.0/16,fe80::/10,fd00:ec2::254/128,0.0.0.0/32")
  List<String> denyList();

  /** First retry delay; doubled per attempt (with jitter) up to {@link #maxBackoff()}. */
  @WithDefault("PT2S")
  Duration initialBackoff();

  @WithDefault("PT1H")
  Duration maxBackoff();

  /** A delivery is retried for this long after the event was matched, then marked failed. */
  @WithDefault("PT26H")
  Duration retryFor();

  /** A subscription is disabled after this many consecutive failed attempts ... */
  @WithDefault("50")
  int disableAfterAttempts();

  /** ... that span at least this long. */
  @WithDefault("PT24H")
  Duration disableAfterFailingFor();

  /** A claimed delivery is someone else's to retry after this (a crashed sender). */
  @WithDefault("PT30S")
  Duration lease();

  /** Deliveries claimed per round. */
  @WithDefault("200")
  int batchSize();

  /** Concurrent outbound requests. */
  @WithDefault("32")
  int senders();

  /** The worker looks for due retries at least this often (new deliveries wake it at once). */
  @WithDefault("PT0.5S")
  Duration pollInterval();
}
