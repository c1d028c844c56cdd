import Testing
@testable import SpoorCrawl
import SpoorFixtures

@Suite struct CharsetDecoderTests {
    @Test func labelsFollowTheEncodingStandard() {
        #expect(CharsetDecoder.encoding(forLabel: "latin1")?.name == "windows-1252")
        #expect(CharsetDecoder.encoding(forLabel: "US-ASCII")?.name == "windows-1252")
        #expect(CharsetDecoder.encoding(forLabel: "ISO-8859-1")?.name == "windows-1252")
        #expect(CharsetDecoder.encoding(forLabel: "gb2312")?.name == "GB18030")
        #expect(CharsetDecoder.encoding(forLabel: "GBK")?.name == "GB18030")
        #expect(CharsetDecoder.encoding(forLabel: "sjis")?.name == "Shift_JIS")
        #expect(CharsetDecoder.encoding(forLabel: " \"Shift_JIS\" ")?.name == "Shift_JIS")
        #expect(CharsetDecoder.encoding(forLabel: "ks_c_5601-1987")?.name == "EUC-KR")
        #expect(CharsetDecoder.encoding(forLabel: "iso-8859-15")?.name == "ISO-8859-15")
        #expect(CharsetDecoder.encoding(forLabel: "cp1251")?.name == "windows-1251")
        #expect(CharsetDecoder.encoding(forLabel: "utf8")?.name == "UTF-8")
        #expect(CharsetDecoder.encoding(forLabel: "x-unknown-thing") == nil)
    }

    @Test func charsetParameterIsFoundAndUnquoted() {
        #expect(CharsetDecoder.charsetParameter("text/html; charset=\"Big5\"") == "Big5")
        #expect(CharsetDecoder.charsetParameter("text/html;CHARSET=euc-kr; q=1") == "euc-kr")
        #expect(CharsetDecoder.charsetParameter("text/html") == nil)
    }

    @Test func aBOMWinsOverTheHeader() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("naïve".utf8)
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html; charset=windows-1252")
        #expect(decoded.text == "naïve")
        #expect(decoded.source == .bom)
    }

    @Test func theHeaderWinsOverMeta() {
        let bytes: [UInt8] = Array("<meta charset=\"utf-8\"><p>caf".utf8) + [0xE9]
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html; charset=iso-8859-1")
        #expect(decoded.text == "<meta charset=\"utf-8\"><p>café")
        #expect(decoded.source == .header)
    }

    @Test func metaInsideACommentIsIgnored() {
        let bytes: [UInt8] = Array("<!-- <meta charset=\"koi8-r\"> --><meta charset=windows-1251><p>".utf8) + [0xC4, 0xE0]
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html")
        #expect(decoded.charset == "windows-1251")
        #expect(decoded.source == .meta)
        #expect(decoded.text.hasSuffix("Да"))
    }

    @Test func metaAfterTheFirst1024BytesIsNotSeen() {
        let bytes = Array((String(repeating: " ", count: 1100) + "<meta charset=\"utf-8\">").utf8)
        #expect(CharsetDecoder.decode(bytes, contentType: nil).source == .fallback)
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        // A lone lead byte in Shift_JIS, then text; a truncated UTF-16 tail; invalid UTF-8.
        let sjis = CharsetDecoder.decode([0x41, 0x81, 0x20, 0x42], contentType: "text/plain; charset=shift_jis")
        #expect(sjis.text.hasPrefix("A"))
        #expect(sjis.text.contains("\u{FFFD}"))
        #expect(sjis.text.hasSuffix("B"))
        let utf16 = CharsetDecoder.decode([0xFF, 0xFE, 0x41, 0x00, 0x42], contentType: nil)
        #expect(utf16.text == "A\u{FFFD}")
        let utf8 = CharsetDecoder.decode([0x61, 0xC3, 0x28, 0x62], contentType: "text/plain; charset=utf-8")
        #expect(utf8.text == "a\u{FFFD}(b")
        let gbk = CharsetDecoder.decode([0x81], contentType: "text/plain; charset=gbk")
        #expect(gbk.text == "\u{FFFD}")
    }

    @Test func undeclaredBytesAreWindows1252() {
        let decoded = CharsetDecoder.decode([0x93, 0x68, 0x69, 0x94, 0x80], contentType: "text/html")
        #expect(decoded.text == "“hi”€")
        #expect(decoded.source == .fallback)
        #expect(decoded.charset == "windows-1252")
    }
}

/// Every charset page of the hostile site, fetched and decoded, equals the text it was made from.
@Suite struct CharsetFetchTests {
    static let legacy = HostileSite.charsetSamples.keys.filter { !$0.hasPrefix("utf-16") }.sorted()

    @Test func eachCharsetDeclaredEachWayDecodesToTheOriginal() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            var cases: [(String, HostileSite.CharsetDeclaration)] = []
            for label in Self.legacy {
                for declaration in [HostileSite.CharsetDeclaration.header, .meta, .httpEquiv] {
                    cases.append((label, declaration))
                }
            }
            for label in ["utf-8", "utf-16le", "utf-16be"] { cases.append((label, .bom)) }
            cases.append(("windows-1252", .none))
            cases.append(("iso-8859-1", .none))
            for (label, declaration) in cases {
                let result = await fetcher.fetch(base + "/charset/\(label)?declare=\(declaration.rawValue)")
                let expected = try #require(HostileSite.charsetPage(label, declaration: declaration))
                #expect(result.status == 200, "\(label) \(declaration)")
                #expect(result.text == expected, "\(label) declared by \(declaration): \(result.charset ?? "-")")
                let source: CharsetDecoder.Source = switch declaration {
                case .header: .header
                case .meta, .httpEquiv: .meta
                case .bom: .bom
                case .none: .fallback
                }
                #expect(result.charsetSource == source, "\(label) \(declaration)")
            }
        }
    }

    @Test func legacyPagesAreNotUTF8OnTheWire() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/charset/shift_jis?declare=header")
            let expected = try #require(HostileSite.charsetPage("shift_jis", declaration: .header))
            #expect(result.body != Array(expected.utf8))
            #expect(result.text == expected)
            #expect(result.charset == "Shift_JIS")
        }
    }
}

/// Charset lies: a page labelled UTF-8 that is really GBK or Shift_JIS is read with the charset
/// libuchardet names, and both charsets are recorded; honest pages keep their charset.
@Suite struct CharsetDetectionTests {
    static func page(_ label: String, declaredAs claim: String) throws -> (bytes: [UInt8], text: String) {
        let sample = try #require(HostileSite.charsetSamples[label])
        let text = try #require(HostileSite.charsetPage(label, declaration: .meta, declared: claim))
        let bytes = try #require(LegacyCharset.encode(text, as: sample.iconvName))
        return (bytes, text)
    }

    @Test(arguments: ["gbk", "shift_jis", "big5", "euc-kr"])
    func aLegacyPageLabelledUTF8IsReadWithTheDetectedCharset(label: String) throws {
        let (bytes, text) = try Self.page(label, declaredAs: "utf-8")
        for contentType in ["text/html; charset=utf-8", "text/html"] {  // declared by header or by meta
            let decoded = CharsetDecoder.decode(bytes, contentType: contentType)
            #expect(decoded.text == text, "\(label) \(contentType): read as \(decoded.charset)")
            #expect(decoded.source == .detected)
            #expect(decoded.declared == "UTF-8")
            #expect(decoded.charset != "UTF-8")
        }
    }

    @Test func theIssuesIvoryIsNotLost() throws {
        let (bytes, _) = try Self.page("gbk", declaredAs: "utf-8")
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html; charset=UTF-8")
        #expect(decoded.text.contains("象牙"))
        #expect(decoded.charset == "GB18030")
        let (sjis, _) = try Self.page("shift_jis", declaredAs: "utf-8")
        let japanese = CharsetDecoder.decode(sjis, contentType: "text/html; charset=UTF-8")
        #expect(japanese.text.contains("象牙"))
        #expect(japanese.charset == "Shift_JIS")
    }

    @Test func honestUTF8WithAFewBadBytesStaysUTF8() throws {
        // A page of real UTF-8 text with stray Latin-1 bytes and a character cut at the end.
        var bytes = Array("<html><head><meta charset=utf-8></head><body><p>象牙の彫刻 — слоновая кость — Elfenbein, naïve café".utf8)
        bytes += [0xE9, 0x20, 0xFC, 0x20, 0xE0] + Array(" 穿山甲鳞片 ".utf8) + [0x96, 0x20] + Array("</p></body></html>".utf8) + [0xE8, 0xB1]
        let decoded = CharsetDecoder.decode(bytes, contentType: nil)
        #expect(decoded.charset == "UTF-8")
        #expect(decoded.source == .meta)
        #expect(decoded.text.contains("象牙の彫刻"))
        #expect(decoded.text.contains("穿山甲鳞片"))
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 5)
    }

    @Test func fewErrorsDoNotCallTheDetector() throws {
        // Three bad bytes and nothing else non-ASCII: below the minimum, kept as declared.
        let bytes = Array("<p>price ".utf8) + [0xA3, 0x31, 0x30, 0x20, 0xB0, 0x43, 0xB1] + Array("</p>".utf8)
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html; charset=utf-8")
        #expect(decoded.source == .header)
        #expect(decoded.charset == "UTF-8")
    }

    @Test func suspicionNeedsManyErrorsAndMoreErrorsThanGoodCharacters() {
        #expect(!CharsetDecoder.isSuspicious(errors: 3, nonASCII: 3))
        #expect(CharsetDecoder.isSuspicious(errors: 4, nonASCII: 4))
        #expect(CharsetDecoder.isSuspicious(errors: 40, nonASCII: 60))
        #expect(!CharsetDecoder.isSuspicious(errors: 40, nonASCII: 200))
    }

    @Test func errorsAreCounted() {
        #expect(CharsetDecoder.utf8Errors(Array("象牙".utf8)[...]) == 0)
        #expect(CharsetDecoder.utf8Errors([0x61, 0xC3, 0x28, 0x62][...]) == 1)
        let gbk = CharsetDecoder.convertCounting([0x41, 0x81, 0x20][...], from: CharsetDecoder.encoding(forLabel: "shift_jis")!)
        #expect(gbk.errors == 1)
        #expect(CharsetDecoder.convertCounting(Array("naïve".utf8)[...], from: CharsetDecoder.encoding(forLabel: "utf-8")!).errors == 0)
    }

    @Test func aBOMIsNeverDoubted() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + [0xCF, 0xF3, 0xD1, 0xC0, 0xB5, 0xF1, 0xBF, 0xCC, 0xA3, 0xAC]
        let decoded = CharsetDecoder.decode(bytes, contentType: "text/html; charset=utf-8")
        #expect(decoded.source == .bom)
        #expect(decoded.charset == "UTF-8")
    }

    @Test func theDetectorNamesCharsets() throws {
        let detector = try #require(CharsetDetector())
        let (gbk, _) = try Self.page("gbk", declaredAs: "gbk")
        #expect(detector.detect(gbk[...]) == "GB18030")
        let (sjis, _) = try Self.page("shift_jis", declaredAs: "shift_jis")
        #expect(detector.detect(sjis[...]) == "SHIFT_JIS")
        #expect(detector.detect([][...]) == nil)
    }

    @Test func lyingPagesFromTheHostileSiteAreReadRight() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            for (label, declaration) in [("gbk", "header"), ("shift_jis", "header"), ("gbk", "meta"), ("shift_jis", "http-equiv")] {
                let result = await fetcher.fetch(base + "/charset/\(label)?declare=\(declaration)&label=utf-8")
                let expected = try #require(HostileSite.charsetPage(
                    label, declaration: HostileSite.CharsetDeclaration(rawValue: declaration)!, declared: "utf-8"))
                #expect(result.text == expected, "\(label) declared utf-8 by \(declaration)")
                #expect(result.charsetSource == .detected)
                #expect(result.declaredCharset == "UTF-8")
                #expect(result.charset == (label == "gbk" ? "GB18030" : "Shift_JIS"))
            }
            // An honest page keeps its declaration, and records it as declared too.
            let honest = await fetcher.fetch(base + "/charset/gbk?declare=header")
            #expect(honest.charsetSource == .header)
            #expect(honest.charset == "GB18030")
            #expect(honest.declaredCharset == "GB18030")
        }
    }
}
