import Testing
@testable import SpoorCrawl

/// robots.txt parsing and matching, with RFC 9309's own examples.
@Suite struct RobotsTxtTests {
    /// RFC 9309 §5.1.
    static let rfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """

    @Test(arguments: [
        // foobot: its own group only.
        ("foobot", "/example/page.html", true),
        ("foobot", "/example/allowed.gif", true),
        ("foobot", "/example/other.html", false),
        ("foobot", "/publications/", false),
        ("FooBot/2.1", "/", false),
        // barbot and bazbot share one group.
        ("barbot", "/example/page.html", false),
        ("bazbot", "/example/page.html", false),
        ("BazBot", "/example/page.html", false),
        ("barbot", "/example/other.html", true),
        ("barbot", "/image.gif", true),
        // quxbot's group is empty: everything allowed.
        ("quxbot", "/example/page.html", true),
        // Everyone else: the * group.
        ("otherbot", "/image.gif", false),
        ("otherbot", "/image.gif?size=2", true),
        ("otherbot", "/dir/image.gif", false),
        ("otherbot", "/example/", false),
        ("otherbot", "/example/page.html", false),
        ("otherbot", "/publications/", true),
        ("otherbot", "/", true),
    ])
    func rfcExample(agent: String, path: String, allowed: Bool) {
        let robots = RobotsTxt.parse(Self.rfcExample)
        #expect(robots.isAllowed(path, for: agent) == allowed)
    }

    @Test func rfcExampleGroupsAreParsedAsWritten() {
        let robots = RobotsTxt.parse(Self.rfcExample)
        #expect(robots.groups.map(\.userAgents) == [["*"], ["foobot"], ["barbot", "bazbot"], ["quxbot"]])
        #expect(robots.groups[1].rules.count == 3)
        #expect(robots.groups[3].rules.isEmpty)
    }

    /// RFC 9309 §5.2: the longest match wins.
    @Test func longestMatchWins() {
        let robots = RobotsTxt.parse("""
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """)
        #expect(robots.isAllowed("/example/page/", for: "foobot"))
        #expect(robots.isAllowed("/example/page/other.gif", for: "foobot"))
        #expect(!robots.isAllowed("/example/page/disallowed.gif", for: "foobot"))
        #expect(!robots.isAllowed("/example/page/disallowed.gif?x", for: "foobot"))
    }

    @Test func allowWinsTies() {
        let robots = RobotsTxt.parse("user-agent: *\ndisallow: /page\nallow: /page\ndisallow: /x*z\nallow: /x*y\n")
        #expect(robots.isAllowed("/page", for: "spoorbot"))
        #expect(robots.isAllowed("/page/sub", for: "spoorbot"))
        #expect(robots.isAllowed("/x-y-z", for: "spoorbot"))  // both 4 bytes long and both match
    }

    @Test(arguments: [
        ("/fish", "/fish", true), ("/fish", "/fish.html", true), ("/fish", "/fish/salmon.html", true),
        ("/fish", "/Fish.asp", false), ("/fish", "/catfish", false),
        ("/fish*", "/fishheads", true), ("/fish/", "/fish", false), ("/fish/", "/fish/?id=1", true),
        ("/*.php", "/index.php", true), ("/*.php", "/folder/filename.php?parameters", true), ("/*.php", "/windows.PHP", false),
        ("/*.php$", "/filename.php", true), ("/*.php$", "/filename.php?parameters", false), ("/*.php$", "/filename.php5", false),
        ("/fish*.php", "/fish.php", true), ("/fish*.php", "/fishheads/catfish.php?parameters", true), ("/fish*.php", "/Fish.PHP", false),
        ("/a$", "/a", true), ("/a$", "/ab", false), ("/a$b", "/a$b", true), ("*", "/anything", true), ("/**/x", "/a/b/x", true),
        ("/a*b*c$", "/a-b-c-b-c", true), ("/a*b*c$", "/a-b-c-b", false),
    ])
    func patternMatching(pattern: String, path: String, matches: Bool) {
        #expect(RobotsPattern.matches(pattern, path) == matches)
    }

    /// RFC 9309 §2.2.2's table: percent-encoding is normalized on both sides.
    @Test(arguments: [
        ("/foo/bar?baz=quz", "/foo/bar?baz=quz"),
        ("/foo/bar/ツ", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%e3%83%84", "/foo/bar/ツ"),
        ("/foo/bar/%62%61%7A", "/foo/bar/baz"),
        ("/foo/bar/baz", "/foo/bar/%62%61%7a"),
    ])
    func percentEncodingIsNormalized(rulePath: String, urlPath: String) {
        let robots = RobotsTxt.parse("User-agent: *\nDisallow: \(rulePath)\n")
        #expect(!robots.isAllowed(urlPath, for: "spoorbot"))
    }

    @Test func encodedReservedCharactersStayDistinct() {
        let robots = RobotsTxt.parse("User-agent: *\nDisallow: /a%2Fb\n")
        #expect(!robots.isAllowed("/a%2fb", for: "spoorbot"))
        #expect(robots.isAllowed("/a/b", for: "spoorbot"))
    }

    @Test func groupsForOneAgentAreMergedAndStarIsOnlyAFallback() {
        let robots = RobotsTxt.parse("""
            User-agent: SpoorBot
            Disallow: /private

            User-agent: *
            Disallow: /

            User-agent: spoorbot
            Disallow: /secret
            Crawl-delay: 4.5
            """)
        let rules = robots.rules(for: "SpoorBot/1.0 (+https://spoor.example)")
        #expect(rules.rules.count == 2)
        #expect(rules.crawlDelay == 4.5)
        #expect(!rules.isAllowed("/private/x"))
        #expect(!rules.isAllowed("/secret"))
        #expect(rules.isAllowed("/listing/1"))
        #expect(!robots.isAllowed("/listing/1", for: "otherbot"))
        #expect(robots.rules(for: "otherbot").crawlDelay == nil)
    }

    @Test func noMatchingGroupAllowsEverything() {
        let robots = RobotsTxt.parse("User-agent: foobot\nDisallow: /\n")
        #expect(robots.isAllowed("/anything", for: "spoorbot"))
        #expect(RobotsTxt.parse("").isAllowed("/x", for: "spoorbot"))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        #expect(RobotsRules.disallowAll.isAllowed("/robots.txt"))
        #expect(!RobotsRules.disallowAll.isAllowed("/"))
        #expect(!RobotsRules.disallowAll.isAllowed("/robots.txt.bak"))
        #expect(RobotsRules.allowAll.isAllowed("/anything"))
    }

    @Test func bomCRLFCommentsGarbageAndSitemaps() {
        let text = "\u{FEFF}# a comment line\r\nSitemap: https://shop.test/sitemap.xml\r\n"
            + "Disallow: /before-any-group\r\n"
            + "this line is garbage\r\n"
            + "USER-AGENT : *   # everyone\r"
            + "Disallow: /cart # no carts\r\n"
            + "Unknown-Field: whatever\n"
            + "Disallow:\n"
            + "Allow: /cart/public\r\n"
            + "Crawl-delay: soon\n"
            + "sitemap: https://shop.test/sitemap-2.xml # second\n"
        let robots = RobotsTxt.parse(bytes: Array(text.utf8))
        #expect(robots.sitemaps == ["https://shop.test/sitemap.xml", "https://shop.test/sitemap-2.xml"])
        #expect(robots.groups.count == 1)
        #expect(robots.groups[0].rules == [RobotsTxt.Rule(allows: false, pattern: "/cart"), RobotsTxt.Rule(allows: true, pattern: "/cart/public")])
        #expect(robots.groups[0].crawlDelay == nil)
        #expect(robots.isAllowed("/before-any-group", for: "spoorbot"))
        #expect(!robots.isAllowed("/cart/1", for: "spoorbot"))
        #expect(robots.isAllowed("/cart/public/1", for: "spoorbot"))
    }

    @Test func onlyTheFirst500KiBAreParsed() {
        var text = "User-agent: *\nDisallow: /early\n"
        let filler = "# " + String(repeating: "x", count: 1000) + "\n"
        while text.utf8.count < RobotsTxt.parseLimit { text += filler }
        text += "Disallow: /late\n"
        let robots = RobotsTxt.parse(text)
        #expect(!robots.isAllowed("/early", for: "spoorbot"))
        #expect(robots.isAllowed("/late", for: "spoorbot"))
        // The same rule before the limit does count.
        #expect(!RobotsTxt.parse("User-agent: *\n" + String(repeating: filler, count: 400) + "Disallow: /late\n").isAllowed("/late", for: "spoorbot"))
    }
}
