/// Finds a page's declared character set in its first bytes, for decoding fetched bodies.
public enum MetaCharset {
    /// How many bytes are scanned (the HTML standard's prescan looks at the first 1024).
    public static let scanLimit = 1024

    /// The charset named by `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`
    /// in the first 1024 bytes of `bytes`, lowercased, or nil. Pure byte scanning: no decoding, no parser.
    public static func declared(in bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(scanLimit))
        var i = 0
        while i < head.count {
            // Skip comments: a charset inside one does not count.
            if starts(head, i, "<!--") {
                i = find(head, "-->", from: i + 4).map { $0 + 3 } ?? head.count
                continue
            }
            if starts(head, i, "<meta"), i + 5 < head.count, isSpaceOrSlash(head[i + 5]) {
                let end = find(head, ">", from: i) ?? head.count
                if let charset = charset(inMetaTag: Array(head[(i + 5)..<end])) { return charset }
                i = end
                continue
            }
            i += 1
        }
        return nil
    }

    /// The charset from one `<meta …>` tag's attribute bytes.
    static func charset(inMetaTag tag: [UInt8]) -> String? {
        let attributes = parseAttributes(tag)
        if let value = attributes["charset"], !value.isEmpty { return value.lowercased() }
        guard let equiv = attributes["http-equiv"], equiv.lowercased() == "content-type",
            let content = attributes["content"]
        else { return nil }
        return charset(inContentType: content)
    }

    /// The `charset=` parameter of a Content-Type value, lowercased, or nil.
    public static func charset(inContentType content: String) -> String? {
        let lower = content.lowercased()
        guard let range = lower.range(of: "charset") else { return nil }
        var rest = lower[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            let value = rest.prefix { $0 != quote }
            return value.isEmpty ? nil : String(value)
        }
        let value = rest.prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" }
        return value.isEmpty ? nil : String(value)
    }

    /// Attribute names (lowercased) and values of a tag's bytes.
    static func parseAttributes(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            while i < bytes.count, isSpaceOrSlash(bytes[i]) { i += 1 }
            let nameStart = i
            while i < bytes.count, !isSpaceOrSlash(bytes[i]), bytes[i] != 0x3D { i += 1 }
            guard i > nameStart else { i += 1; continue }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
            var value = ""
            if i < bytes.count, bytes[i] == 0x3D {
                i += 1
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
                if i < bytes.count, bytes[i] == 0x22 || bytes[i] == 0x27 {
                    let quote = bytes[i]
                    let start = i + 1
                    i = start
                    while i < bytes.count, bytes[i] != quote { i += 1 }
                    value = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
                    i += 1
                } else {
                    let start = i
                    while i < bytes.count, !isSpaceOrSlash(bytes[i]) { i += 1 }
                    value = String(decoding: bytes[start..<i], as: UTF8.self)
                }
            }
            if out[name] == nil { out[name] = value.trimmingSpaces() }
        }
        return out
    }

    static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x2F
    }

    /// Whether `bytes` at `index` start with ASCII `text`, ignoring case.
    static func starts(_ bytes: [UInt8], _ index: Int, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard index + needle.count <= bytes.count else { return false }
        for (offset, byte) in needle.enumerated() where lower(bytes[index + offset]) != byte { return false }
        return true
    }

    static func find(_ bytes: [UInt8], _ text: String, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if starts(bytes, i, text) { return i }
            i += 1
        }
        return nil
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}

extension String {
    /// The string without leading and trailing ASCII spaces.
    fileprivate func trimmingSpaces() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
