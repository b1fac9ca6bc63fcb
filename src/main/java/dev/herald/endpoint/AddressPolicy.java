package dev.herald.endpoint;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF guard's core: which network addresses a webhook may never reach (loopback, private, link-local and the
 * cloud metadata address, multicast, unspecified, CGNAT, ...), less the ranges the operator allowlists. Pure: it
 * judges addresses, it resolves nothing.
 */
public final class AddressPolicy {

    private record Blocked(IPAddress range, String reason) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            blocked("0.0.0.0/8", "an unspecified address"),
            blocked("10.0.0.0/8", "a private address (RFC 1918)"),
            blocked("100.64.0.0/10", "a carrier-grade NAT address"),
            blocked("127.0.0.0/8", "a loopback address"),
            blocked("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
            blocked("172.16.0.0/12", "a private address (RFC 1918)"),
            blocked("192.0.0.0/24", "an IETF protocol address"),
            blocked("192.168.0.0/16", "a private address (RFC 1918)"),
            blocked("198.18.0.0/15", "a benchmarking address"),
            blocked("224.0.0.0/4", "a multicast address"),
            blocked("240.0.0.0/4", "a reserved address"),
            blocked("::/128", "an unspecified address"),
            blocked("::1/128", "a loopback address"),
            blocked("fc00::/7", "a unique local address"),
            blocked("fe80::/10", "a link-local address"),
            blocked("ff00::/8", "a multicast address"));

    private final List<IPAddress> allowlist;

    public AddressPolicy(List<String> allowlistCidrs) {
        this.allowlist = allowlistCidrs.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(AddressPolicy::parse).toList();
    }

    /** Why this address may not be contacted, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        IPAddress ip = parse(address.getHostAddress());
        if (ip.isIPv6() && ((IPv6Address) ip).isIPv4Mapped()) {
            ip = ((IPv6Address) ip).getEmbeddedIPv4Address();
        }
        for (IPAddress allowed : allowlist) {
            if (allowed.contains(ip)) {
                return Optional.empty();
            }
        }
        for (Blocked blocked : BLOCKED) {
            if (blocked.range().contains(ip)) {
                return Optional.of(address.getHostAddress() + " is " + blocked.reason());
            }
        }
        return Optional.empty();
    }

    private static Blocked blocked(String cidr, String reason) {
        return new Blocked(parse(cidr), reason);
    }

    private static IPAddress parse(String text) {
        IPAddress address = new IPAddressString(text).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
        }
        return address.toPrefixBlock();
    }
}
