package dev.herald.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortalTokenCodecTest {

    private static final byte[] KEY = key((byte) 1);
    private static final PortalTokenCodec CODEC = new PortalTokenCodec(KEY);
    private static final PortalTokenCodec.Claims CLAIMS = new PortalTokenCodec.Claims("pt_1", "ten_a", "app_1",
            Instant.parse("2026-01-01T01:00:00Z"));

    @Test
    void aTokenDecodesToTheClaimsItWasMadeFrom() {
        String token = CODEC.encode(CLAIMS);

        assertThat(token).startsWith("hpt_");
        assertThat(CODEC.decode(token)).contains(CLAIMS);
    }

    @Test
    void alteredClaimsAreRefused() {
        String token = CODEC.encode(CLAIMS);
        String other = CODEC.encode(new PortalTokenCodec.Claims("pt_1", "ten_a", "app_2", CLAIMS.expiresAt()));
        String signature = token.substring(token.indexOf('.'));
        String otherPayload = other.substring(0, other.indexOf('.'));

        assertThat(CODEC.decode(otherPayload + signature)).isEmpty();
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = CODEC.encode(CLAIMS);
        int at = token.indexOf('.') + 5;
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';

        assertThat(CODEC.decode(token.substring(0, at) + flipped + token.substring(at + 1))).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = new PortalTokenCodec(key((byte) 2)).encode(CLAIMS);

        assertThat(CODEC.decode(foreign)).isEmpty();
    }

    @Test
    void somethingThatIsNotAPortalTokenIsRefusedWithoutFuss() {
        assertThat(CODEC.decode("hk_abc")).isEmpty();
        assertThat(CODEC.decode("hpt_")).isEmpty();
        assertThat(CODEC.decode("hpt_a.b.c")).isEmpty();
        assertThat(CODEC.decode("hpt_!!!.???")).isEmpty();
        assertThat(CODEC.decode(null)).isEmpty();
    }

    @Test
    void aShortKeyIsRejected() {
        assertThatThrownBy(() -> new PortalTokenCodec(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }
}
