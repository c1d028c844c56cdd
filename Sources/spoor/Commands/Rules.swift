import ArgumentParser
import Foundation
import SpoorDetect

/// `spoor rules`: work with context rules.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with context rules.",
        subcommands: [Test.self, Profile.self])

    /// `spoor rules test`: run every rule's embedded examples.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's embedded examples (must match / must not match).")

        @Option(help: ArgumentHelp("A rules YAML file or directory (default: the bundled rules/).", valueName: "path"))
        var rules: String?

        func run() throws {
            guard let path = rules ?? DataLocation.bundled("rules") else {
                throw ValidationError("no rules given and no bundled rules/ directory found; pass --rules PATH")
            }
            let set = try RuleSet.load(paths: [path])
            let failures = set.checkExamples()
            let examples = set.rules.reduce(0) { $0 + $1.mustMatch.count + $1.mustNotMatch.count }
            for failure in failures { print("FAIL \(failure)") }
            print("\(set.rules.count) rules, \(examples) examples: \(examples - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }

    /// `spoor rules profile`: where rule matching spends its time on a set of listings.
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time each rule's pattern on a file of listings, slowest first.",
            discussion: """
                Reads listings (JSON Lines, as `spoor classify`) and runs every rule on every field the detector would run it on: where one of its literals starts a word (or, for a rule without literals, where the gate derived from its pattern lets it), suppress rules only where a watchlist term is. Prints per rule the runs, the fields matched, the fields its literals skipped, match-limit errors, total milliseconds and microseconds per run. Use it to find a slow pattern or a rule that needs literals.
                """)

        @OptionGroup var detector: DetectorOptions

        @Option(help: "Print only the slowest N rules (0: all).")
        var top = 0

        @Argument(help: ArgumentHelp("The listings file, or - for standard input.", valueName: "file"))
        var input: String = "-"

        func run() throws {
            let detector = try detector.makeDetector()
            var reader = try LineReader(path: input)
            var listings: [Listing] = []
            var lineNumber = 0, malformed = 0
            while let line = reader.nextBytes() {
                lineNumber += 1
                guard line.contains(where: { $0 > 0x20 }) else { continue }
                if let listing = line.withUnsafeBufferPointer({ Listing.parse(json: $0) }) {
                    listings.append(listing)
                } else if let listing = try? JSONDecoder().decode(Listing.self, from: Data(line)) {
                    listings.append(listing)
                } else {
                    malformed += 1
                    FileHandle.standardError.write(Data("spoor: \(input):\(lineNumber): not a listing, skipped\n".utf8))
                }
            }
            var profiles = detector.profileRules(listings).sorted { $0.seconds > $1.seconds }
            let total = profiles.reduce(0) { $0 + $1.seconds }
            if top > 0 { profiles = Array(profiles.prefix(top)) }
            let width = max(4, profiles.map(\.id.count).max() ?? 0)
            func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
                let fill = String(repeating: " ", count: max(0, n - s.count))
                return left ? s + fill : fill + s
            }
            print(pad("rule", width, left: true) + pad("runs", 9) + pad("matched", 9) + pad("skipped", 10) + pad("limit", 7) + pad("ms", 9) + pad("us/run", 9))
            for p in profiles {
                print(pad(p.id, width, left: true) + pad("\(p.runs)", 9) + pad("\(p.matched)", 9) + pad("\(p.skipped)", 10)
                    + pad("\(p.limitErrors)", 7) + pad(String(format: "%.1f", p.seconds * 1e3), 9)
                    + pad(String(format: "%.2f", p.microsecondsPerRun), 9))
            }
            print("\(listings.count) listings\(malformed > 0 ? " (\(malformed) malformed lines skipped)" : ""), \(detector.rules.rules.count) rules, \(String(format: "%.1f", total * 1e3)) ms in patterns")
        }
    }
}
