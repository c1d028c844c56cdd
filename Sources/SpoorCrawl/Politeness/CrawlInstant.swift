/// A point in wall-clock time, in seconds since 1970-01-01 UTC, passed into the crawl state
/// machines by the caller so they never read a clock themselves.
public struct CrawlInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var secondsSince1970: Double

    /// Creates an instant from seconds since 1970-01-01 UTC.
    public init(secondsSince1970: Double) {
        self.secondsSince1970 = secondsSince1970
    }

    /// The instant `seconds` later (earlier if negative).
    public func adding(_ seconds: Double) -> CrawlInstant {
        CrawlInstant(secondsSince1970: secondsSince1970 + seconds)
    }

    /// Seconds from `earlier` to this instant (negative if `earlier` is later).
    public func seconds(since earlier: CrawlInstant) -> Double {
        secondsSince1970 - earlier.secondsSince1970
    }

    /// Orders instants by time.
    public static func < (lhs: CrawlInstant, rhs: CrawlInstant) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// `@<seconds>`, for logs and test failures.
    public var description: String { "@\(secondsSince1970)" }
}
