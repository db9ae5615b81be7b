package dev.parley.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The addresses a socket bound to one address can be reached on: that address itself, or, for the
 * wildcard ({@code 0.0.0.0} or {@code ::}), every address of every network interface that is up.
 * Stateless; reads the interfaces at each call.
 */
final class ListenAddresses {
    private ListenAddresses() {
    }

    /**
     * The addresses for {@code bound}, loopback first, then IPv4 before IPv6. Java binds both
     * wildcards, {@code 0.0.0.0} and {@code ::}, to a socket that accepts IPv4 and IPv6 (unless
     * {@code java.net.preferIPv4Stack} is set), so both give the addresses of either family. IPv6
     * link-local addresses are left out: they need a zone in a URL and reach only the link.
     */
    static List<InetAddress> of(InetAddress bound) {
        if (!bound.isAnyLocalAddress()) {
            return List.of(bound);
        }
        boolean ipv6 = bound instanceof Inet6Address || !Boolean.getBoolean("java.net.preferIPv4Stack");
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    boolean wanted = address instanceof Inet4Address || ipv6 && !address.isLinkLocalAddress();
                    if (wanted && !found.contains(address)) {
                        found.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        found.sort(Comparator.comparing((InetAddress a) -> !a.isLoopbackAddress())
                .thenComparing(a -> a instanceof Inet6Address));
        return found.isEmpty() ? List.of(InetAddress.getLoopbackAddress()) : List.copyOf(found);
    }

    /** The address as a URL host: dotted IPv4, or bracketed and shortened IPv6. */
    static String urlHost(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero groups becomes "::" (RFC 5952)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder host = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                host.append("::");
                i += bestLength - 1;
                continue;
            }
            if (host.length() > 1 && host.charAt(host.length() - 1) != ':') {
                host.append(':');
            }
            host.append(Integer.toHexString(groups[i]));
        }
        return host.append(']').toString();
    }
}
