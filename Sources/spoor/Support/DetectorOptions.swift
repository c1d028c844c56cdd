import ArgumentParser
import SpoorDetect

/// The options every command that classifies shares: which watchlist, which rules, what threshold.
struct DetectorOptions: ParsableArguments {
    @Option(name: .customLong("watchlist"), help: ArgumentHelp(
        "A watchlist YAML file or a directory of them (repeatable).",
        discussion: "Default: the bundled watchlists/ directory.", valueName: "path"))
    var watchlists: [String] = []

    @Option(help: ArgumentHelp("A rules YAML file or directory (default: the bundled rules/).", valueName: "path"))
    var rules: String?

    @Option(help: "Flag listings scoring at or above this (0–1).")
    var threshold: Double = 0.5

    @Option(help: ArgumentHelp(
        "Classify at most this many KiB of a title or description; a longer one is cut and its verdict says \"truncated\".",
        valueName: "KiB"))
    var maxFieldKib: Int = Detector.defaultMaxFieldBytes >> 10

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1, not \(threshold)") }
        guard (1...(1 << 21)).contains(maxFieldKib) else {
            throw ValidationError("--max-field-kib must be between 1 and 2097152 (2 GiB), not \(maxFieldKib)")
        }
    }

    /// ``maxFieldKib`` in bytes.
    var maxFieldBytes: Int { maxFieldKib << 10 }

    /// Loads the watchlist and rules and compiles the detector.
    func makeDetector() throws -> Detector {
        var paths = watchlists
        if paths.isEmpty {
            guard let bundled = DataLocation.bundled("watchlists") else {
                throw ValidationError("no watchlist given and no bundled watchlists/ directory found; pass --watchlist PATH or set SPOOR_DATA")
            }
            paths = [bundled]
        }
        let watchlist = try Watchlist.load(paths: paths)
        var ruleSet = RuleSet.empty
        if let path = rules ?? DataLocation.bundled("rules") {
            ruleSet = try RuleSet.load(paths: [path])
        }
        var scoring = Detector.Scoring()
        scoring.threshold = threshold
        var detector = Detector(watchlist: watchlist, rules: ruleSet, scoring: scoring)
        detector.maxFieldBytes = maxFieldBytes
        return detector
    }
}
