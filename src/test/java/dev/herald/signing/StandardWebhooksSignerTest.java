package dev.herald.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {

    private final StandardWebhooksSigner signer = new StandardWebhooksSigner();

    @Test
    void matchesTheSpecExampleSignature() {
        // The example from the Standard Webhooks specification.
        String header = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsOncePerKeyAndTheOfficialLibraryAcceptsEach() throws Exception {
        String oldKey = newKey();
        String newKey = newKey();
        String body = "{\"type\":\"invoice.paid\",\"amount\":42}";
        long now = System.currentTimeMillis() / 1000;

        String header = signer.sign("msg_1", now, body.getBytes(StandardCharsets.UTF_8), List.of(newKey, oldKey));

        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
        assertThatCode(() -> new Webhook(oldKey).verify(body, headers)).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(newKey).verify(body, headers)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(newKey()).verify(body, headers)).isNotNull();
        assertThatThrownBy(() -> new Webhook(newKey).verify(body + " ", headers)).isNotNull();
    }

    @Test
    void givesTheSameSignatureWhenAKeyIsReused() {
        String key = newKey();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(signer.sign("msg_1", 1, body, List.of(key))).isEqualTo(signer.sign("msg_1", 1, body, List.of(key)))
                .isNotEqualTo(signer.sign("msg_1", 2, body, List.of(key)));
    }

    private static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return "whsec_" + Base64.getEncoder().encodeToString(raw);
    }
}
