extension HostileSite {
    /// How a `/charset/<name>` page declares its encoding.
    public enum CharsetDeclaration: String, Sendable, CaseIterable {
        /// In the HTTP `Content-Type` only.
        case header
        /// In `<meta charset>` only.
        case meta
        /// In `<meta http-equiv="Content-Type" content="...; charset=...">` only.
        case httpEquiv = "http-equiv"
        /// By a byte-order mark only (UTF-8 and UTF-16 pages).
        case bom
        /// Nowhere (decoders fall back to windows-1252).
        case none
    }

    /// A charset the hostile site serves pages in.
    public struct CharsetSample: Sendable, Hashable {
        /// The label sent in headers and meta tags (`shift_jis`).
        public var label: String
        /// The iconv name the page is encoded with (`SHIFT_JIS`).
        public var iconvName: String
        /// Text in the charset's script, encodable in it.
        public var text: String
    }

    /// The charsets served under `/charset/<label>`, by label.
    public static let charsetSamples: [String: CharsetSample] = {
        let samples = [
            CharsetSample(label: "windows-1252", iconvName: "WINDOWS-1252",
                          text: "Ivory carving — “antique” Œuvre, naïve café, €120 … ‰"),
            CharsetSample(label: "iso-8859-1", iconvName: "ISO-8859-1",
                          text: "Café crème, ñandú, Ærø, ¡sí! ¿qué? 25 °C ½ ©"),
            CharsetSample(label: "iso-8859-2", iconvName: "ISO-8859-2",
                          text: "Żółw błotny, Łódź, Šibenik, čáp, ř ů ő ű"),
            CharsetSample(label: "iso-8859-15", iconvName: "ISO-8859-15",
                          text: "Prix 120 €, œuvre, Šárka, Žofie, Ÿ"),
            CharsetSample(label: "gbk", iconvName: "GBK", text: "象牙雕刻，穿山甲鳞片出售，价格面议"),
            CharsetSample(label: "gb18030", iconvName: "GB18030", text: "犀牛角粉末，正品保证；€ 与 😀"),
            CharsetSample(label: "big5", iconvName: "BIG5", text: "象牙雕刻，穿山甲鱗片出售，價格面議"),
            CharsetSample(label: "shift_jis", iconvName: "SHIFT_JIS", text: "象牙の彫刻、センザンコウの鱗を販売します"),
            CharsetSample(label: "euc-kr", iconvName: "EUC-KR", text: "상아 조각, 천산갑 비늘 판매합니다"),
            CharsetSample(label: "windows-1251", iconvName: "CP1251", text: "Слоновая кость, чешуя панголина — №5"),
            CharsetSample(label: "utf-8", iconvName: "UTF-8", text: "Elfenbein — 象牙 — слоновая кость — 🐘"),
            CharsetSample(label: "utf-16le", iconvName: "UTF-16LE", text: "Pangolin — 穿山甲 — панголин"),
            CharsetSample(label: "utf-16be", iconvName: "UTF-16BE", text: "Tortoise — 玳瑁 — черепаха"),
        ]
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.label, $0) })
    }()

    /// The page `/charset/<label>?declare=...[&label=declared]` sends, as Unicode text (the body
    /// minus any BOM, decoded): what a correct decoder must produce. `declared` is the charset the
    /// page claims (default: its own label; another one makes the page lie). `nil` for an unknown label.
    public static func charsetPage(_ label: String, declaration: CharsetDeclaration, declared: String? = nil) -> String? {
        guard let sample = charsetSamples[label] else { return nil }
        let claim = declared ?? sample.label
        let meta: String
        switch declaration {
        case .meta: meta = "<meta charset=\"\(claim)\">"
        case .httpEquiv: meta = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(claim)\">"
        case .header, .bom, .none: meta = ""
        }
        return "<!DOCTYPE html>\n<html><head>\(meta)<title>Charset \(sample.label)</title></head>"
            + "<body><p>\(sample.text)</p></body></html>\n"
    }

    /// The response for a charset page, declared as `declared` (default: its own label); `nil` for
    /// an unknown label, or a BOM asked of a charset that has none.
    static func charsetResponse(_ label: String, _ declaration: CharsetDeclaration, label declared: String? = nil) -> FixtureResponse? {
        guard let sample = charsetSamples[label], let page = charsetPage(label, declaration: declaration, declared: declared),
              var body = FixtureCodecs.encode(page, as: sample.iconvName) else { return nil }
        if declaration == .bom {
            switch sample.iconvName {
            case "UTF-8": body = [0xEF, 0xBB, 0xBF] + body
            case "UTF-16LE": body = [0xFF, 0xFE] + body
            case "UTF-16BE": body = [0xFE, 0xFF] + body
            default: return nil
            }
        }
        let contentType = declaration == .header ? "text/html; charset=\(declared ?? sample.label)" : "text/html"
        return FixtureResponse(status: 200, headers: [.init("Content-Type", contentType)], body: body)
    }
}
