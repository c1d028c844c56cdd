import Foundation
import SpoorCrawl
import SpoorDetect

/// Writes what `spoor scan` found about one listing as one JSON line: the listing's fields, where
/// and when it was fetched, and the classify verdict.
enum ScanRecordWriter {
    /// The JSON line for a scanned listing and its verdict.
    static func line(_ found: ScannedListing, _ verdict: Verdict) -> String {
        let listing = found.listing
        var out = "{\"id\":"
        JSONText.appendQuoted(verdict.id, to: &out)
        field("url", listing.url ?? found.pageURL, &out)
        field("page_url", found.pageURL, &out)
        field("fetched_at", timestamp(found.fetchedAt), &out)
        out += ",\"status\":\(found.status)"
        field("ip", found.remoteIP, &out)
        if let charset = found.charset {
            // How the text was decoded; a declaration overridden by charset detection is kept.
            field("charset", charset.name, &out)
            field("charset_source", charset.source.rawValue, &out)
            if charset.declared != charset.name { field("declared_charset", charset.declared, &out) }
        }
        field("source", listing.source, &out)
        field("title", listing.title, &out)
        field("description", listing.description, &out)
        if let price = listing.price, price.isFinite { out += ",\"price\":\(price)" }
        field("currency", listing.currency, &out)
        field("seller", listing.seller, &out)
        field("location", listing.location, &out)
        field("posted_at", listing.postedAt, &out)
        field("updated_at", listing.updatedAt, &out)
        out += ",\"images\":["
        for (i, image) in listing.images.enumerated() {
            if i > 0 { out += "," }
            JSONText.appendQuoted(image, to: &out)
        }
        out += "],\"verdict\":"
        out += JSONLineWriter.line(verdict)
        out += "}"
        return out
    }

    private static func field(_ name: String, _ value: String?, _ out: inout String) {
        guard let value else { return }
        out += ",\"\(name)\":"
        JSONText.appendQuoted(value, to: &out)
    }

    /// An RFC 3339 UTC timestamp with milliseconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
