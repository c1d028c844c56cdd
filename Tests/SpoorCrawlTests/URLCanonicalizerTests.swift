import Testing
@testable import SpoorCrawl

/// URL canonicalization, as a table.
@Suite struct URLCanonicalizerTests {
    let canonicalizer = URLCanonicalizer()

    @Test(arguments: [
        ("HTTP://Example.COM/a/b", "http://example.com/a/b"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com?x=1", "http://example.com/?x=1"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:80/a", "https://example.com:80/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("http://example.com:/a", "http://example.com/a"),
        ("http://example.com/a#section", "http://example.com/a"),
        ("http://example.com/a?b=1#frag?x", "http://example.com/a?b=1"),
        ("http://example.com/a/./b/../c", "http://example.com/a/c"),
        ("http://example.com/../../a", "http://example.com/a"),
        ("http://example.com/a/b/..", "http://example.com/a/"),
        ("http://example.com/a/%2E%2E/b", "http://example.com/b"),
        ("http://example.com/%7euser/%41%62c", "http://example.com/~user/Abc"),
        ("http://example.com/a%2fb%3F", "http://example.com/a%2Fb%3F"),
        ("http://example.com/caf\u{E9} au lait", "http://example.com/caf%C3%A9%20au%20lait"),
        ("http://example.com/100%", "http://example.com/100%25"),
        ("http://example.com/a?q=%7e%2b+x", "http://example.com/a?q=~%2B+x"),
        ("http://example.com/a?b=2&a=1", "http://example.com/a?b=2&a=1"),
        ("http://example.com/a?x=1&PHPSESSID=abc&y=2", "http://example.com/a?x=1&y=2"),
        ("http://example.com/a?jsessionid=1&sid=2&SessionId=3", "http://example.com/a"),
        ("http://example.com/a?ASPSESSIONIDQQGGQGPD=x&keep=1", "http://example.com/a?keep=1"),
        ("http://example.com/a?", "http://example.com/a"),
        ("http://example.com/shop;jsessionid=0A1B2C/item?id=4", "http://example.com/shop/item?id=4"),
        ("http://example.com/item;jsessionid=0A1B2C", "http://example.com/item"),
        ("http://example.com/item;v=2;JSESSIONID=x", "http://example.com/item;v=2"),
        ("http://user:pass@Example.com/a", "http://example.com/a"),
        ("http://example.com./a", "http://example.com/a"),
        ("http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"),
        ("  http://example.com/a\n/b  ", "http://example.com/a/b"),
        ("http:\\\\example.com\\a\\b", "http://example.com/a/b"),
        ("http://example.com//double//slash", "http://example.com//double//slash"),
    ])
    func canonicalizes(input: String, expected: String) throws {
        #expect(try canonicalizer.canonicalize(input).string == expected)
    }

    @Test(arguments: [
        "ftp://example.com/file", "mailto:someone@example.com", "javascript:alert(1)", "data:text/plain,hi",
        "/relative/path", "example.com/a", "http://", "http:///a", "http://example.com:99999/", "http://example.com:8o/",
        "http://exa mple.com/", "http://[::1/", "",
    ])
    func rejectsWhatIsNotAnHTTPURL(input: String) {
        #expect(throws: CrawlError.self) { try canonicalizer.canonicalize(input) }
        do {
            _ = try canonicalizer.canonicalize(input)
        } catch {
            #expect(error.code == .badURL)
            #expect(error.subject == input)
        }
    }

    @Test func partsOfTheCanonicalURL() throws {
        let url = try canonicalizer.canonicalize("HTTPS://Shop.Test:8443/a/b/?q=1#x")
        #expect(url.scheme == "https")
        #expect(url.host == "shop.test")
        #expect(url.port == 8443)
        #expect(url.hostKey == "shop.test:8443")
        #expect(url.origin == "https://shop.test:8443")
        #expect(url.pathAndQuery == "/a/b/?q=1")
        #expect(url.robotsURL == "https://shop.test:8443/robots.txt")
        #expect(url.pathSegments == ["a", "b", ""])
    }

    /// RFC 3986 §5.4's examples, base `http://a/b/c/d;p?q`.
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g/"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q"),
        ("g#s", "http://a/b/c/g"), ("g?y#s", "http://a/b/c/g?y"), (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"), ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("HTTPS://Other.test/x", "https://other.test/x"),
        ("http:g", "http://a/b/c/g"),
    ])
    func resolvesRelativeLinks(link: String, expected: String) throws {
        let base = try canonicalizer.canonicalize("http://a/b/c/d;p?q")
        if link == "http:g" {
            // RFC 3986 strict parsers read "http:g" as a URL with no host; we refuse it.
            #expect(throws: CrawlError.self) { try canonicalizer.resolve(link, against: base) }
            return
        }
        #expect(try canonicalizer.resolve(link, against: base).string == expected)
    }

    @Test func resolvingRejectsOtherSchemes() throws {
        let base = try canonicalizer.canonicalize("https://shop.test/list")
        for link in ["mailto:a@b.c", "javascript:void(0)", "tel:+123", "ftp://shop.test/x"] {
            #expect(throws: CrawlError.self) { try canonicalizer.resolve(link, against: base) }
        }
        #expect(try canonicalizer.resolve("//cdn.test/i.png", against: base).string == "https://cdn.test/i.png")
        #expect(try canonicalizer.resolve("item?id=2;jsessionid=9", against: base).string == "https://shop.test/item?id=2;jsessionid=9")
        #expect(try canonicalizer.resolve("item;jsessionid=9?id=2", against: base).string == "https://shop.test/item?id=2")
    }

    @Test func customSessionParameters() throws {
        let custom = URLCanonicalizer(sessionParameters: ["token"], sessionParameterPrefixes: [])
        #expect(try custom.canonicalize("http://a.test/?Token=1&sid=2").string == "http://a.test/?sid=2")
    }
}
