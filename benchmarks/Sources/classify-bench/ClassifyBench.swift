import ArgumentParser
import Foundation
import SpoorDetect

/// Times `Detector.classify` over a JSON Lines file of listings on one thread, printing one JSON line.
@main
struct ClassifyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify-bench",
        abstract: "Time Spoor's detector (normalize, match, rules, score) on a file of listings, in memory, on one thread.",
        discussion: """
            Loads the watchlist and rules, decodes every listing first (not timed), then times
            Detector.classify over all of them, --repeats times, and reports the fastest pass:
              {"listings":N,"flagged":N,"build_ms":X,"seconds":X,"listings_per_s":X,"us_per_listing":X,...}
            build_ms is Detector construction (automaton and rule compilation) after the YAML is
            loaded; load_ms is the YAML loading; decode_s is JSON decoding of the input.
            Output encoding and file I/O are not included: benchmarks/classify.sh times the
            `spoor classify` command end to end next to this.
            """)

    @Option(name: .customLong("watchlist"), help: ArgumentHelp(
        "A watchlist YAML file or directory (repeatable); relative paths are resolved from the current directory.",
        valueName: "path"))
    var watchlists: [String] = ["../watchlists"]

    @Option(help: ArgumentHelp("A rules YAML file or directory.", valueName: "path"))
    var rules: String = "../rules"

    @Option(help: "Flag listings scoring at or above this (0–1), as `spoor classify --threshold`.")
    var threshold: Double = 0.5

    @Option(help: "Passes over the listings; the fastest is reported.")
    var repeats: Int = 3

    @Argument(help: ArgumentHelp("The listings file (JSON Lines).", valueName: "file"))
    var input: String

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        // Load and compile.
        let loadStart = DispatchTime.now()
        let watchlist: Watchlist
        let ruleSet: RuleSet
        do {
            watchlist = try Watchlist.load(paths: watchlists.map(Self.absolute))
            ruleSet = try RuleSet.load(paths: [Self.absolute(rules)])
        } catch {
            throw BenchError("\(error)")
        }
        let loadMs = Self.since(loadStart) * 1e3
        var scoring = Detector.Scoring()
        scoring.threshold = threshold
        let buildStart = DispatchTime.now()
        let detector = Detector(watchlist: watchlist, rules: ruleSet, scoring: scoring)
        let buildMs = Self.since(buildStart) * 1e3

        // Read and decode everything before timing.
        let path = Self.absolute(input)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError("cannot read \(input)")
        }
        let decodeStart = DispatchTime.now()
        let decoder = JSONDecoder()
        var listings: [Listing] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            do {
                listings.append(try decoder.decode(Listing.self, from: Data(line)))
            } catch {
                throw BenchError("\(input):\(lineNumber): not a listing: \(error)")
            }
        }
        let decodeS = Self.since(decodeStart)
        guard !listings.isEmpty else { throw BenchError("\(input) has no listings") }

        // Time classification, one thread, best of --repeats.
        var best = Double.infinity
        var flagged = -1
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            var count = 0
            for listing in listings where detector.classify(listing).flagged {
                count += 1
            }
            let seconds = Self.since(start)
            if flagged >= 0 && count != flagged {
                throw BenchError("flagged count changed between passes: \(flagged) then \(count)")
            }
            flagged = count
            best = min(best, seconds)
        }

        // Where the time goes: normalizing every searched field, then normalizing and searching.
        var normalizeS = Double.infinity, searchS = Double.infinity
        for _ in 0..<repeats {
            var start = DispatchTime.now()
            var bytes = 0
            for listing in listings {
                for field in listing.searchableFields { bytes &+= detector.index.normalizer.normalize(field.text).bytes.count }
            }
            normalizeS = min(normalizeS, Self.since(start))
            start = DispatchTime.now()
            for listing in listings {
                for field in listing.searchableFields {
                    bytes &+= detector.index.search(detector.index.normalizer.normalize(field.text)).terms.count
                }
            }
            searchS = min(searchS, Self.since(start))
            if bytes == 0 { print("", terminator: "") }  // keeps the work observable
        }

        let n = Double(listings.count)
        print(#"{"listings":\#(listings.count),"flagged":\#(flagged),"build_ms":\#(Self.round3(buildMs)),"seconds":\#(Self.round3(best)),"normalize_s":\#(Self.round3(normalizeS)),"normalize_search_s":\#(Self.round3(searchS)),"listings_per_s":\#(Int((n / best).rounded())),"us_per_listing":\#(Self.round3(best / n * 1e6)),"load_ms":\#(Self.round3(loadMs)),"decode_s":\#(Self.round3(decodeS)),"input_bytes":\#(data.count),"repeats":\#(repeats),"patterns":\#(detector.index.patternCount),"rules":\#(ruleSet.rules.count)}"#)
    }

    /// Resolves a path against the current directory (the default `../watchlists` assumes `benchmarks/`).
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(expanded).standardizedFileURL.path
    }

    static func since(_ start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

/// A failure that is not about the command line (printed without the usage text).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
