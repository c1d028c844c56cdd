/// A small scanner for the charset a `<meta>` tag declares, used by `CharsetDecoder` on the
/// first 1024 bytes. (The extractor has its own, fuller `MetaCharset`; this one stays private
/// to the fetcher until the two are merged.)
enum FetchMetaCharset {
    /// The label of the first `<meta charset=...>` or `<meta http-equiv="content-type"
    /// content="...; charset=...">`, skipping comments; `nil` if there is none.
    static func scan(_ bytes: ArraySlice<UInt8>) -> String? {
        let lower = bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        var index = 0
        while index < lower.count {
            if lower[index] == UInt8(ascii: "<") {
                if starts(lower, at: index, with: "<!--") {
                    index = find(lower, "-->", from: index + 4).map { $0 + 3 } ?? lower.count
                    continue
                }
                if starts(lower, at: index, with: "<meta"), index + 5 < lower.count,
                   isSpaceOrSlash(lower[index + 5]) {
                    let end = lower[index...].firstIndex(of: UInt8(ascii: ">")) ?? lower.count
                    let attributes = parseAttributes(Array(lower[(index + 5)..<end]))
                    if let charset = attributes["charset"], !charset.isEmpty { return charset }
                    if attributes["http-equiv"] == "content-type", let content = attributes["content"],
                       let charset = charsetInContent(content) {
                        return charset
                    }
                    index = end
                    continue
                }
            }
            index += 1
        }
        return nil
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x2F
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return Array(bytes[index..<(index + pattern.count)]) == pattern
    }

    private static func find(_ bytes: [UInt8], _ text: String, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if starts(bytes, at: index, with: text) { return index }
            index += 1
        }
        return nil
    }

    /// Attribute names and values of a tag's inside, lower-cased.
    private static func parseAttributes(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        var index = 0
        func skipSpace() { while index < bytes.count, isSpaceOrSlash(bytes[index]) { index += 1 } }
        while index < bytes.count {
            skipSpace()
            let nameStart = index
            while index < bytes.count, !isSpaceOrSlash(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            skipSpace()
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    index += 1
                    let valueStart = index
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    index += 1
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpaceOrSlash(bytes[index]) { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                }
            }
            if !name.isEmpty, result[name] == nil { result[name] = value }
            if name.isEmpty { index += 1 }
        }
        return result
    }

    /// The charset in a `content="text/html; charset=..."` value.
    private static func charsetInContent(_ content: String) -> String? {
        guard let range = content.range(of: "charset") else { return nil }
        var rest = content[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let value = rest.prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" }
        return value.isEmpty ? nil : String(value)
    }
}
