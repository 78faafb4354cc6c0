package io.berth.gateway.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  // The example of the Standard Webhooks spec and its reference libraries.
  static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long SPEC_TIMESTAMP = 1614265330L;
  static final String SPEC_BODY = "{\"test\": 2432232314}";
  static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsLikeTheSpecExample() {
    assertEquals(SPEC_SIGNATURE, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP,
        SPEC_BODY.getBytes(StandardCharsets.UTF_8)));
    assertNotEquals(SPEC_SIGNATURE, WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1,
        SPEC_BODY.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void newSecretsAreRandomWhsecKeys() {
    String a = WebhookSignature.newSecret();
    assertTrue(a.startsWith("whsec_"));
    assertEquals(32, WebhookSignature.key(a).length);
    assertNotEquals(a, WebhookSignature.newSecret());
  }

  @Test
  void backoffGrowsWithJitterUpToTheMaximum() {
    RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1));
    for (int i = 0; i < 50; i++) {
      long first = policy.delayAfter(1).toMillis();
      assertTrue(first >= 1000 && first <= 2000, "first " + first);
      long fourth = policy.delayAfter(4).toMillis();
      assertTrue(fourth >= 8000 && fourth <= 16000, "fourth " + fourth);
      long late = policy.delayAfter(40).toMillis();
      assertTrue(late >= 30000 && late <= 60000, "late " + late);
    }
  }
}
