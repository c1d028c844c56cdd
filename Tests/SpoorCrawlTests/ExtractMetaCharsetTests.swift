import Testing
@testable import SpoorCrawl

@Suite struct ExtractMetaCharsetTests {
    func charset(_ html: String) -> String? { MetaCharset.declared(in: Array(html.utf8)) }

    @Test func findsMetaCharset() {
        #expect(charset("<html><head><meta charset=\"Windows-1252\"><title>x</title>") == "windows-1252")
        #expect(charset("<META CHARSET=shift_jis>") == "shift_jis")
        #expect(charset("<meta name=viewport content='width=device-width'><meta charset='utf-8'/>") == "utf-8")
    }

    @Test func findsHTTPEquiv() {
        #expect(charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">") == "iso-8859-1")
        #expect(charset("<meta content='text/html;charset=\"koi8-r\"' http-equiv='content-type'>") == "koi8-r")
        #expect(charset("<meta http-equiv=X-UA-Compatible content=IE=edge>") == nil)
        #expect(MetaCharset.charset(inContentType: "text/html; charset = gb2312") == "gb2312")
    }

    @Test func ignoresCommentsOtherTagsAndLateDeclarations() {
        #expect(charset("<!-- <meta charset=big5> --><p>x</p>") == nil)
        #expect(charset("<metadata charset=big5>") == nil)
        #expect(charset("<p data-charset='x'>") == nil)
        #expect(charset(String(repeating: " ", count: 1100) + "<meta charset=big5>") == nil)
        #expect(charset(String(repeating: " ", count: 900) + "<meta charset=big5>") == "big5")
        #expect(charset("") == nil)
        #expect(charset("<meta charset=") == nil)
    }

    @Test func scansRawNonUTF8Bytes() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0xE9, 0x00]
        bytes += Array("<meta charset=\"latin1\">".utf8)
        #expect(MetaCharset.declared(in: bytes) == "latin1")
    }
}
