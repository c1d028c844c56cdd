import CZlib
import Testing
@testable import SpoorCrawl

@Suite struct SitemapTests {
    static let urlset = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://shop.example/item/1</loc><lastmod>2024-05-01</lastmod></url>
          <url><loc>
             https://shop.example/item/2?a=1&amp;b=2
          </loc></url>
          <url><loc>ftp://shop.example/not-http</loc></url>
          <url><lastmod>2024-01-01</lastmod></url>
        </urlset>
        """

    @Test func parsesAURLSet() throws {
        let sitemap = try Sitemap.parse(Array(Self.urlset.utf8), url: "https://shop.example/sitemap.xml")
        #expect(sitemap.kind == .urlSet)
        #expect(sitemap.entries == [
            .init(url: "https://shop.example/item/1", lastModified: "2024-05-01"),
            .init(url: "https://shop.example/item/2?a=1&b=2", lastModified: nil),
        ])
        #expect(!sitemap.truncated)
    }

    @Test func parsesAnIndex() throws {
        let xml = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://shop.example/s1.xml.gz</loc><lastmod>2024-05-01T10:00:00+00:00</lastmod></sitemap>
              <sitemap><loc>https://shop.example/s2.xml</loc></sitemap>
            </sitemapindex>
            """
        let sitemap = try Sitemap.parse(Array(xml.utf8), url: "https://shop.example/index.xml")
        #expect(sitemap.kind == .index)
        #expect(sitemap.entries.map(\.url) == ["https://shop.example/s1.xml.gz", "https://shop.example/s2.xml"])
        #expect(sitemap.entries[0].lastModified == "2024-05-01T10:00:00+00:00")
    }

    @Test func gunzipsCompressedSitemaps() throws {
        let sitemap = try Sitemap.parse(gzip(Array(Self.urlset.utf8)), url: "https://shop.example/sitemap.xml.gz")
        #expect(sitemap.entries.count == 2)
    }

    @Test func gzipBombsStopAtTheLimit() throws {
        let bomb = gzip([UInt8](repeating: 0x20, count: 8 * 1024 * 1024))
        #expect(bomb.count < 100_000)
        do {
            _ = try Gunzip.inflate(bomb, limit: 1024 * 1024, subject: "bomb.gz")
            Issue.record("inflated past the limit")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.subject == "bomb.gz")
        }
        #expect(try Gunzip.inflate(bomb, limit: 8 * 1024 * 1024, subject: "ok.gz").count == 8 * 1024 * 1024)
    }

    @Test func badGzipAndTruncatedGzipAreDecodingErrors() {
        let good = gzip(Array(Self.urlset.utf8))
        for bad in [[0x1F, 0x8B, 0x00, 0x01, 0x02], Array(good.prefix(good.count / 2))] {
            #expect(throws: CrawlError.self) { try Sitemap.parse(bad, url: "bad.xml.gz") }
        }
    }

    @Test func entryLimitTruncates() throws {
        var xml = "<urlset>"
        for i in 0..<(Sitemap.maxEntries + 5) { xml += "<url><loc>https://s.example/\(i)</loc></url>" }
        xml += "</urlset>"
        let sitemap = try Sitemap.parse(Array(xml.utf8), url: "big.xml")
        #expect(sitemap.entries.count == Sitemap.maxEntries)
        #expect(sitemap.truncated)
    }

    @Test func rejectsNonSitemapsEntitiesAndBrokenXML() {
        let cases: [(String, String)] = [
            ("<html><body>not a sitemap</body></html>", "root element"),
            ("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>]><urlset><url><loc>&lol;</loc></url></urlset>", "entities"),
            ("<urlset><url><loc>https://x.example/</loc></url>", "well-formed"),
            ("", "well-formed"),
        ]
        for (xml, words) in cases {
            do {
                _ = try Sitemap.parse(Array(xml.utf8), url: "s.xml")
                Issue.record("parsed: \(xml)")
            } catch {
                #expect(error.description.contains(words), "\(error)")
            }
        }
    }

    /// `bytes` gzip-compressed with zlib.
    func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(czlib_deflate_init2(&stream, 9, 15 + 16) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let written = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(written))
    }
}
