/// The hostile site's redirect farms, non-HTTP replies and crawler traps:
///
/// - `/redirect-links/<kind>?n=N[&length=L]`: a page of N links (22 by default), each its own
///   redirect to where the fetcher must not go: `private` (alternately the cloud metadata address
///   and a 10.x address), `scheme` (`file:///etc/passwd`), `loop` (a cycle of 3) or `chain`
///   (L redirects, 12 by default: past the standard limit of 10).
/// - `/garbage?kind=text`: text without a status line (what libcurl takes for HTTP/0.9);
///   `kind=status`: a garbled status line; `kind=header`: a valid status line, then a garbled
///   `Content-Length`. Each then closes the connection.
/// - `/calendar/YYYY-MM`: a month linking to the next and the previous one, forever.
/// - `/nest/...`: every page links to `a/` below itself (`/nest/a/a/a/...`).
/// - `/many-links?n=N`: a page with N links (100,000 by default) to `/many-links/item/<i>`,
///   small pages without links.
extension HostileSite {
    /// The action for one of the paths above, `nil` for a malformed one (answered 404).
    static func trapAction(_ parts: [String], _ query: [String: String]) -> FixtureAction? {
        switch parts.first ?? "" {
        case "redirect-links":
            guard parts.count == 2 else { return nil }
            let count = min(max(0, Int(query["n"] ?? "") ?? 22), 10_000)
            let length = min(max(1, Int(query["length"] ?? "") ?? 12), 100)
            var links: [String] = []
            for index in 0..<count {
                switch parts[1] {
                case "private":
                    let target = index % 2 == 0 ? "http://169.254.169.254/latest/meta-data/\(index)" : "http://10.0.\(index / 256).\(index % 256)/"
                    links.append("/redirect?to=\(percentEncoded(target))")
                case "scheme": links.append("/redirect?to=\(percentEncoded("file:///etc/passwd"))&id=\(index)")
                case "loop": links.append("/redirect-loop/3?id=\(index)")
                case "chain": links.append("/redirect-chain/\(length)?id=\(index)")
                default: return nil
                }
            }
            return .respond(.html(linkPage(title: "Redirects", links)))
        case "garbage":
            switch query["kind"] ?? "text" {
            case "text": return .raw(Array("This is not HTTP at all.\r\n\r\n<html><body>garbage</body></html>\r\n".utf8))
            case "status": return .raw(Array("HTTP/1.1 2x0 Fine\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello".utf8))
            case "header": return .raw(Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: lots\r\n\r\nhello".utf8))
            default: return nil
            }
        case "calendar":
            let month = parts.count > 1 ? parts[1] : "2024-01"
            let fields = month.split(separator: "-").compactMap { Int($0) }
            guard fields.count == 2, (1...12).contains(fields[1]) else { return nil }
            let (year, number) = (fields[0], fields[1])
            func name(_ year: Int, _ month: Int) -> String {
                let month = String(month)
                return "\(year)-\(month.count == 1 ? "0" + month : month)"
            }
            let next = number == 12 ? name(year + 1, 1) : name(year, number + 1)
            let previous = number == 1 ? name(year - 1, 12) : name(year, number - 1)
            return .respond(.html(linkPage(title: "Events in \(name(year, number))", ["/calendar/\(next)", "/calendar/\(previous)"])))
        case "nest":
            return .respond(.html(linkPage(title: "Nested \(parts.count - 1) deep", ["a/"])))
        case "many-links":
            if parts.count == 3, parts[1] == "item", let index = Int(parts[2]) {
                return .respond(.html("<!DOCTYPE html><html><head><title>Item \(index)</title></head><body><p>Item \(index).</p></body></html>\n"))
            }
            guard parts.count == 1 else { return nil }
            let count = min(max(0, Int(query["n"] ?? "") ?? 100_000), 1_000_000)
            var page = "<!DOCTYPE html><html><head><title>\(count) links</title></head><body>\n"
            page.reserveCapacity(count * 48 + 100)
            for index in 0..<count { page += "<a href=\"/many-links/item/\(index)\">item \(index)</a>\n" }
            page += "</body></html>\n"
            return .respond(.html(page))
        default:
            return nil
        }
    }

    /// A page of links, in order.
    private static func linkPage(title: String, _ links: [String]) -> String {
        var page = "<!DOCTYPE html><html><head><title>\(title)</title></head><body><ul>\n"
        for link in links { page += "<li><a href=\"\(link.replacingAll("&", with: "&amp;"))\">\(title)</a></li>\n" }
        return page + "</ul></body></html>\n"
    }

    /// `text` percent-encoded for a query value (everything but unreserved characters).
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let isUnreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if isUnreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }
}

extension String {
    /// The string with every `target` replaced (SpoorFixtures does without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
