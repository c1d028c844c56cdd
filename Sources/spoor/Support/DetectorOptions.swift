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

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1, not \(threshold)") }
    }

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
        return Detector(watchlist: watchlist, rules: ruleSet, scoring: scoring)
    }
}
