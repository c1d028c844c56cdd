extension Normalizer {
    /// The canonical form of plain ASCII text, or `nil`.
    ///
    /// The one sweep (``normalizeInOneSweep(_:)``) restricted to ASCII: it declines at the first
    /// non-ASCII byte and on the same signs of a disguise. ASCII letters and digits take the
    /// sweep's shortest branches, so plain ASCII text needs no path of its own; this entry point
    /// remains for tests that check the ASCII branches against the full pipeline.
    func normalizeASCII(_ text: String) -> NormalizedText? {
        Self.sweep(text, asciiOnly: true)
    }
}
