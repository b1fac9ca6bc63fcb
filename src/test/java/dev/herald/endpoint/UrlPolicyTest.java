package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.http.ApiException;
import dev.herald.http.Problem.FieldError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static final UrlPolicy HTTPS_ONLY = new UrlPolicy(false, new AddressPolicy(List.of()));
    private static final UrlPolicy HTTP_ALLOWED = new UrlPolicy(true, new AddressPolicy(List.of()));

    private static void assertRefusedNamingUrl(UrlPolicy policy, String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("url"));
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertRefusedNamingUrl(HTTPS_ONLY, "http://203.0.113.10/hook");
        assertThat(HTTP_ALLOWED.check("http://203.0.113.10/hook").getHost()).isEqualTo("203.0.113.10");
        assertThat(HTTPS_ONLY.check("https://203.0.113.10/hook").getScheme()).isEqualTo("https");
    }

    @Test
    void onlyAbsoluteHttpUrlsWithoutCredentialsAreAccepted() {
        for (String url : List.of("/relative", "203.0.113.10/hook", "ftp://203.0.113.10/", "file:///etc/passwd",
                "https://user:pass@203.0.113.10/", "https://", "not a url at all")) {
            assertRefusedNamingUrl(HTTP_ALLOWED, url);
        }
    }

    @Test
    void urlsPointingInsideAreRefused() {
        for (String url : List.of("http://10.1.2.3/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/",
                "http://0.0.0.0/", "http://[fc00::1]/", "http://127.0.0.1:8080/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]/", "http://172.16.5.4/", "http://localhost/")) {
            assertRefusedNamingUrl(HTTP_ALLOWED, url);
        }
    }

    @Test
    void anAllowlistedRangeIsAccepted() {
        UrlPolicy loopbackAllowed = new UrlPolicy(true, new AddressPolicy(List.of("127.0.0.1/32", "::1/128")));

        assertThat(loopbackAllowed.check("http://127.0.0.1:9/hook").getPort()).isEqualTo(9);
        assertThat(loopbackAllowed.check("http://[::1]:9/hook").getPort()).isEqualTo(9);
        assertRefusedNamingUrl(loopbackAllowed, "http://127.0.0.2/");
    }

    @Test
    void theAddressPolicyRefusesLoopbackAndIpv4MappedAddressesUnlessAllowlisted() throws UnknownHostException {
        AddressPolicy strict = new AddressPolicy(List.of());
        AddressPolicy lenient = new AddressPolicy(List.of("127.0.0.0/8", "10.0.0.0/8"));

        assertThat(strict.refusal(InetAddress.getByName("127.0.0.1"))).hasValueSatisfying(
                reason -> assertThat(reason).contains("loopback"));
        assertThat(strict.refusal(InetAddress.getByName("::ffff:10.0.0.1"))).isPresent();
        assertThat(strict.refusal(InetAddress.getByName("::ffff:169.254.169.254"))).isPresent();
        assertThat(strict.refusal(InetAddress.getByName("203.0.113.10"))).isEmpty();
        assertThat(strict.refusal(InetAddress.getByName("2001:db8::1"))).isEmpty();
        assertThat(lenient.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(lenient.refusal(InetAddress.getByName("10.9.8.7"))).isEmpty();
        assertThat(lenient.refusal(InetAddress.getByName("192.168.0.1"))).isPresent();
    }
}
