#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SSRF guard's rule: which IP addresses a fetch may connect to.
///
/// Public unicast addresses are allowed. Loopback, private (RFC 1918), link-local (with the
/// 169.254.169.254 cloud metadata address), shared CGNAT space, "this network", multicast,
/// broadcast and reserved addresses, and their IPv6 counterparts (including IPv4 addresses
/// mapped or embedded in IPv6) are refused, unless the URL's host is in `allowHosts`.
/// Pure: no I/O, no DNS; the fetcher asks it about every address just before connecting.
public struct AddressPolicy: Sendable, Hashable {
    /// A kind of address the guard refuses.
    public enum Restriction: String, Sendable, Hashable {
        /// 0.0.0.0/8, ::/128: "this network", unspecified.
        case unspecified
        /// 127.0.0.0/8, ::1.
        case loopback
        /// 10/8, 172.16/12, 192.168/16 (RFC 1918).
        case privateNetwork = "private"
        /// 100.64.0.0/10, carrier-grade NAT (RFC 6598).
        case sharedAddressSpace = "cgnat"
        /// 169.254/16 (cloud metadata lives at 169.254.169.254), fe80::/10.
        case linkLocal = "link-local"
        /// fc00::/7 (RFC 4193).
        case uniqueLocal = "unique-local"
        /// 224.0.0.0/4, ff00::/8.
        case multicast
        /// 255.255.255.255.
        case broadcast
        /// 240.0.0.0/4 and other addresses reserved for future or special use.
        case reserved
    }

    /// Hosts (as written in URLs: `127.0.0.1`, `localhost`, `::1`) allowed whatever they resolve to.
    public var allowHosts: Set<String>

    /// Creates a policy; `allowHosts` are compared case-insensitively, brackets and a trailing dot ignored.
    public init(allowHosts: Set<String> = []) {
        self.allowHosts = Set(allowHosts.map(AddressPolicy.normalizedHost))
    }

    /// Whether a connection to `address`, reached for a URL with host `host`, may go ahead.
    public func permits(address: String, host: String) -> Bool {
        if allowHosts.contains(AddressPolicy.normalizedHost(host)) { return true }
        return AddressPolicy.restriction(of: address) == nil
    }

    /// Whether a connection to the address bytes (4 or 16), reached for `host`, may go ahead.
    public func permits(addressBytes: [UInt8], host: String) -> Bool {
        if allowHosts.contains(AddressPolicy.normalizedHost(host)) { return true }
        return AddressPolicy.restriction(ofBytes: addressBytes) == nil
    }

    /// The restriction an address falls under, `nil` for a public address. An unparseable
    /// string is `.reserved` (refuse what we do not understand).
    public static func restriction(of address: String) -> Restriction? {
        guard let bytes = parse(address) else { return .reserved }
        return restriction(ofBytes: bytes)
    }

    /// The restriction for raw address bytes: 4 for IPv4, 16 for IPv6; any other count is `.reserved`.
    public static func restriction(ofBytes bytes: [UInt8]) -> Restriction? {
        switch bytes.count {
        case 4: return restrictionV4(bytes[0], bytes[1], bytes[2], bytes[3])
        case 16: return restrictionV6(bytes)
        default: return .reserved
        }
    }

    /// The 4 or 16 bytes of a numeric IPv4 or IPv6 address (brackets allowed), `nil` if it is neither.
    public static func parse(_ address: String) -> [UInt8]? {
        var text = address
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }  // zone id
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// A host lower-cased, without IPv6 brackets or a trailing dot.
    static func normalizedHost(_ host: String) -> String {
        var text = host.lowercased()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func restrictionV4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Restriction? {
        switch a {
        case 0: return .unspecified
        case 10: return .privateNetwork
        case 127: return .loopback
        case 100 where b & 0xC0 == 64: return .sharedAddressSpace
        case 169 where b == 254: return .linkLocal
        case 172 where b & 0xF0 == 16: return .privateNetwork
        case 192 where b == 168: return .privateNetwork
        case 192 where b == 0 && c == 0: return .reserved  // IETF protocol assignments
        case 224...239: return .multicast
        case 255 where b == 255 && c == 255 && d == 255: return .broadcast
        case 240...255: return .reserved
        default: return nil
        }
    }

    private static func restrictionV6(_ bytes: [UInt8]) -> Restriction? {
        let head = bytes[0]
        if bytes[0..<15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? .loopback : (bytes[15] == 0 ? .unspecified : .reserved)
        }
        // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible): judge the IPv4 address.
        if bytes[0..<10].allSatisfy({ $0 == 0 }), (bytes[10] == 0xFF && bytes[11] == 0xFF) || (bytes[10] == 0 && bytes[11] == 0) {
            return restrictionV4(bytes[12], bytes[13], bytes[14], bytes[15]) ?? (bytes[10] == 0 ? .reserved : nil)
        }
        // 64:ff9b::/96 (NAT64): the embedded IPv4 address.
        if bytes[0] == 0x00, bytes[1] == 0x64, bytes[2] == 0xFF, bytes[3] == 0x9B, bytes[4..<12].allSatisfy({ $0 == 0 }) {
            return restrictionV4(bytes[12], bytes[13], bytes[14], bytes[15])
        }
        // 2002::/16 (6to4): the IPv4 address in bytes 2...5.
        if bytes[0] == 0x20, bytes[1] == 0x02 {
            return restrictionV4(bytes[2], bytes[3], bytes[4], bytes[5])
        }
        if head & 0xFE == 0xFC { return .uniqueLocal }
        if head == 0xFE, bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if head == 0xFE, bytes[1] & 0xC0 == 0xC0 { return .reserved }  // deprecated site-local
        if head == 0xFF { return .multicast }
        return nil
    }
}
