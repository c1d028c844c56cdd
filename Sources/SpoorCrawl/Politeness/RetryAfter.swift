/// The `Retry-After` header (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date.
public enum RetryAfter: Sendable, Hashable {
    /// Wait this many seconds.
    case seconds(Double)
    /// Wait until this instant.
    case date(CrawlInstant)

    /// Parses a header value; `nil` if it is neither a non-negative integer nor an HTTP-date.
    public init?(headerValue: String) {
        let value = headerValue.trimmingASCIIWhitespace()
        if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Huge numbers are still "long": cap the parse rather than fail it.
            self = .seconds(Double(value.utf8.count > 12 ? "999999999999" : value) ?? 0)
        } else if let date = HTTPDate.parse(value) {
            self = .date(date)
        } else {
            return nil
        }
    }

    /// Seconds to wait from `now`: never negative (a date in the past means "now").
    public func delay(from now: CrawlInstant) -> Double {
        switch self {
        case .seconds(let seconds): return max(0, seconds)
        case .date(let date): return max(0, date.seconds(since: now))
        }
    }
}

/// Parses the three HTTP-date forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime) into
/// instants, without Foundation's date formatters.
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant an HTTP-date names, or `nil` if `text` is not one.
    public static func parse(_ text: String) -> CrawlInstant? {
        // Split on spaces, commas and dashes; "06-Nov-94" becomes three tokens.
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }).map(String.init)
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?
        for token in tokens.dropFirst() {  // the first token is the weekday
            if let t = parseTime(token) {
                time = t
            } else if let m = months.firstIndex(of: token.lowercased()) {
                month = m + 1
            } else if let number = Int(token), token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                if day == nil, token.count <= 2 {
                    day = number
                } else {
                    year = number
                }
            } else if token.uppercased() != "GMT" && token.uppercased() != "UTC" {
                return nil
            }
        }
        guard tokens.count >= 4, let d = day, let m = month, var y = year, let (h, min, s) = time else { return nil }
        // RFC 850's two-digit years: RFC 9110 says a year more than 50 years ahead is in the past.
        if y < 100 { y += y < 50 ? 2000 : 1900 }
        guard (1...31).contains(d), h < 24, min < 60, s < 61 else { return nil }
        let days = daysFromCivil(year: y, month: m, day: d)
        return CrawlInstant(secondsSince1970: Double(days * 86_400 + h * 3600 + min * 60 + s))
    }

    private static func parseTime(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]) else { return nil }
        return (h, m, s)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
