import CZlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SpoorFixtures

/// Helpers for the demo marketplace tests: requests, link extraction, charset decoding, gunzip.
enum Market {
    /// The default marketplace, built once.
    static let demo = DemoMarketplace()

    /// The response a site gives; records an issue when the action is not a plain answer.
    static func get(_ site: any FixtureSite, _ target: String, method: String = "GET",
                    host: String? = nil) -> FixtureResponse {
        let headers = host.map { [FixtureRequest.Header("Host", $0)] } ?? []
        guard case .respond(let response) = site.action(for: FixtureRequest(method: method, target: target, headers: headers)) else {
            Issue.record("\(site.name) \(target): not a plain response")
            return FixtureResponse(status: 0)
        }
        return response
    }

    /// The body as UTF-8 text.
    static func text(_ response: FixtureResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    /// The Content-Type header.
    static func contentType(_ response: FixtureResponse) -> String? {
        response.headers.first { $0.name == "content-type" }?.value
    }

    /// Every `href` attribute value (case-insensitive attribute name), with `&amp;` undone.
    static func hrefs(_ html: String) -> [String] {
        html.matches(of: /(?i)href="([^"]*)"/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// A link target resolved against a host-relative page path (enough for our sites' links).
    static func resolve(_ href: String, from page: String) -> String {
        if href.hasPrefix("/") { return href }
        let directory = page.prefix { $0 != "?" }
        guard let slash = directory.lastIndex(of: "/") else { return "/" + href }
        return String(directory[...slash]) + href
    }

    /// The charset a page declares: the Content-Type header first, then `<meta charset>` or
    /// `<meta http-equiv>` in the first 1024 bytes (read as ASCII).
    static func declaredCharset(_ response: FixtureResponse) -> (charset: String, where: String)? {
        if let type = contentType(response), let match = type.firstMatch(of: /(?i)charset=([A-Za-z0-9_\-]+)/) {
            return (String(match.output.1).lowercased(), "header")
        }
        let ascii = String(decoding: response.body.prefix(1024).map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        if let match = ascii.firstMatch(of: /(?i)<meta\s+charset="?([A-Za-z0-9_\-]+)/) {
            return (String(match.output.1).lowercased(), "meta-charset")
        }
        if let match = ascii.firstMatch(of: /(?i)<meta\s+http-equiv="?content-type"?\s+content="[^"]*charset=([A-Za-z0-9_\-]+)/) {
            return (String(match.output.1).lowercased(), "meta-http-equiv")
        }
        return nil
    }

    /// The body decoded with the charset the page declares (UTF-8 when it declares none).
    static func decoded(_ response: FixtureResponse) -> String? {
        let names = ["utf-8": "UTF-8", "gbk": "GBK", "gb18030": "GB18030", "shift_jis": "SHIFT_JIS"]
        let label = declaredCharset(response)?.charset ?? "utf-8"
        guard let name = names[label] else { return nil }
        return LegacyCharset.decode(response.body, from: name)
    }

    /// gunzip with zlib (window bits 31 = gzip wrapper only); nil on corrupt input.
    static func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 31) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                let capacity = chunk.count
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(capacity)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                if status == Z_OK || status == Z_STREAM_END {
                    output += chunk[0..<(capacity - Int(stream.avail_out))]
                }
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? output : nil
    }

    /// The `<loc>` values of a sitemap, or nil when the XML does not parse.
    static func locs(_ xml: [UInt8]) -> (root: String, locs: [String])? {
        let collector = LocCollector()
        let parser = XMLParser(data: Data(xml))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return (collector.root ?? "", collector.locs)
    }
}

/// Collects `<loc>` texts and the root element name.
final class LocCollector: NSObject, XMLParserDelegate {
    var root: String?
    var locs: [String] = []
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if root == nil { root = elementName }
        if elementName == "loc" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "loc", let current { locs.append(current) }
        if elementName == "loc" { current = nil }
    }
}
