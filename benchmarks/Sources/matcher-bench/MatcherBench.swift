import ArgumentParser
import Foundation
import SpoorMatch

/// Times Spoor's automaton on a pattern file and a haystack file, printing one JSON line.
@main
struct MatcherBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matcher-bench",
        abstract: "Time Spoor's Aho-Corasick automaton on raw bytes (no normalization, no word boundaries).",
        discussion: """
            Prints {"patterns":N,"haystack_bytes":N,"matches":N,"build_ms":X,"search_s":X,"mb_per_s":X}.
            benchmarks/compare.sh runs it next to the Rust aho-corasick crate and Hyperscan.
            """)

    @Option(help: "Patterns, one per line, matched byte for byte; empty lines are skipped.")
    var patterns: String

    @Option(help: "The text to search.")
    var haystack: String

    @Option(help: "overlapping or leftmost-longest.")
    var mode: String = "overlapping"

    @Option(help: "dfa or nfa; by default the automaton chooses by size.")
    var representation: String?

    @Option(help: "Searches to run; the fastest is reported.")
    var repeats: Int = 1

    func run() throws {
        guard let kind = MatchKind(rawValue: mode) else {
            throw ValidationError("--mode must be overlapping or leftmost-longest, not '\(mode)'")
        }
        var forced: Automaton.Representation?
        if let representation {
            guard let r = Automaton.Representation(rawValue: representation) else {
                throw ValidationError("--representation must be dfa or nfa, not '\(representation)'")
            }
            forced = r
        }
        let patternData = try readFile(patterns)
        let text = try readFile(haystack)
        let lines = patternData.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)

        let buildStart = DispatchTime.now()
        var builder = AutomatonBuilder(options: .init(matchKind: kind, representation: forced))
        for line in lines { builder.add(line) }
        let automaton = builder.build()
        let buildMs = Double(DispatchTime.now().uptimeNanoseconds - buildStart.uptimeNanoseconds) / 1e6

        var best = Double.infinity
        var matches = 0
        try text.withUnsafeBufferPointer { buffer in
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now()
                let count = automaton.countMatches(in: buffer)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                if matches != 0 && count != matches {
                    throw ValidationError("match count changed between runs: \(matches) then \(count)")
                }
                matches = count
                best = min(best, seconds)
            }
        }
        let mbPerS = Double(text.count) / 1e6 / best
        print(#"{"patterns":\#(lines.count),"haystack_bytes":\#(text.count),"matches":\#(matches),"build_ms":\#(round3(buildMs)),"search_s":\#(round3(best)),"mb_per_s":\#(round3(mbPerS)),"representation":"\#(automaton.representation.rawValue)","states":\#(automaton.stateCount),"classes":\#(automaton.classCount),"memory_mb":\#(round3(Double(automaton.memoryBytes) / 1_048_576))}"#)
    }

    private func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        return [UInt8](data)
    }

    private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
