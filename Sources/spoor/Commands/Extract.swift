import ArgumentParser
import Foundation
import SpoorCrawl
import SpoorDetect

/// `spoor extract`: the listings in a saved HTML page, as JSON lines.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract listings from a saved HTML page with a site profile, or from its structured data.",
        discussion: """
            Output: one JSON object per listing found, with "url", "listingID", "title",
            "description", "price", "currency", "seller", "location", "postedAt", "updatedAt",
            "images" and "source" (the profile's name, or json-ld, microdata, opengraph).
            Without --site the page's schema.org JSON-LD, microdata and OpenGraph tags are read.
            With --links a last line {"next_page","listing_links","index_links","outlinks"} follows.
            """)

    @Option(help: ArgumentHelp("A site profile (sites/*.yaml).", valueName: "file"))
    var site: String?

    @Option(help: ArgumentHelp("The page's URL, the base for relative links.", valueName: "url"))
    var url: String?

    @Flag(help: "Also print the page's links and next page as a last JSON line.")
    var links = false

    @Argument(help: ArgumentHelp("The saved page (UTF-8 HTML).", valueName: "page.html"))
    var page: String

    func run() throws {
        let profile: SiteProfile?
        do {
            profile = try site.map { try SiteProfile.load(file: $0) }
        } catch {
            throw ValidationError("\(error)")
        }
        guard let data = FileManager.default.contents(atPath: page) else {
            throw ValidationError("\(page): cannot read the file")
        }
        let html = String(decoding: data, as: UTF8.self)
        let result = profile.map { $0.extract(html: html, url: url) } ?? StructuredData.extract(html: html, url: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = ""
        for listing in result.listings {
            output += String(decoding: try encoder.encode(listing), as: UTF8.self) + "\n"
        }
        if links {
            let summary = LinkSummary(
                next_page: result.nextPage, listing_links: result.listingLinks, index_links: result.indexLinks,
                outlinks: result.outlinks)
            output += String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// The `--links` line.
    struct LinkSummary: Encodable {
        var next_page: String?
        var listing_links: [String]
        var index_links: [String]
        var outlinks: [String]
    }
}
