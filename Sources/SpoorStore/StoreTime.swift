import Foundation

/// Times in the store are whole milliseconds since 1970 (UTC): exact in SQL comparisons, the
/// same in SQLite and PostgreSQL, and the unit the audit chain hashes.
public enum StoreTime {
    /// The whole milliseconds since 1970 of `date`, rounded to the nearest (so that a time read
    /// back from the store gives the same milliseconds again, whatever the floating-point error).
    @inlinable
    public static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date at `millis` milliseconds since 1970.
    @inlinable
    public static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// `date` at the store's precision: what reading it back returns.
    @inlinable
    public static func stored(_ date: Date) -> Date {
        self.date(millis(date))
    }
}
