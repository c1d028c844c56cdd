import ArgumentParser
import Foundation
import SpoorDetect

/// `spoor eval`: precision, recall and F1 on labelled listings.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure detection on labelled listings: precision, recall and F1, per language and tag.",
        discussion: """
            Input: JSON Lines like `spoor classify` reads, each with "label": "flag" or "clear" and
            optionally "tags": [...]. Prints the figures and the worst misses; --json for machines.
            """)

    @OptionGroup var detector: DetectorOptions

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: "How many misses to list.")
    var misses: Int = 15

    @Argument(help: ArgumentHelp("The labelled listings file.", valueName: "file"))
    var input: String

    func run() throws {
        let detector = try detector.makeDetector()
        var listings: [Evaluation.Labelled] = []
        var lineNumber = 0
        for line in try LineReader(path: input) {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                listings.append(try JSONDecoder().decode(Evaluation.Labelled.self, from: Data(line.utf8)))
            } catch {
                throw ValidationError("\(input):\(lineNumber): \(Classify.describe(error))")
            }
        }
        let evaluation = Evaluation(detector: detector, listings: listings)
        if json {
            print(String(decoding: try JSONEncoder().encode(EvalReport(evaluation, misses: misses)), as: UTF8.self))
            return
        }
        print(EvalReport.table(evaluation, misses: misses))
    }
}

/// The machine-readable and readable forms of an evaluation.
struct EvalReport: Encodable {
    struct Row: Encodable {
        let listings, truePositives, falsePositives, falseNegatives, trueNegatives: Int
        let precision, recall, f1: Double
        init(_ c: Evaluation.Counts) {
            listings = c.total
            truePositives = c.truePositives
            falsePositives = c.falsePositives
            falseNegatives = c.falseNegatives
            trueNegatives = c.trueNegatives
            precision = (c.precision * 10_000).rounded() / 10_000
            recall = (c.recall * 10_000).rounded() / 10_000
            f1 = (c.f1 * 10_000).rounded() / 10_000
        }
    }

    let overall: Row
    let byLanguage: [String: Row]
    let byTag: [String: Row]
    let misses: [Evaluation.Miss]

    init(_ e: Evaluation, misses: Int) {
        overall = Row(e.overall)
        byLanguage = e.byLanguage.mapValues(Row.init)
        byTag = e.byTag.mapValues(Row.init)
        self.misses = Array(e.misses.prefix(misses))
    }

    static func table(_ e: Evaluation, misses: Int) -> String {
        func line(_ name: String, _ c: Evaluation.Counts) -> String {
            let cells = [name.padding(toLength: 16, withPad: " ", startingAt: 0), String(format: "%5d", c.total),
                         String(format: "%9.3f", c.precision), String(format: "%7.3f", c.recall), String(format: "%6.3f", c.f1),
                         String(format: "%4d %4d", c.falsePositives, c.falseNegatives)]
            return cells.joined(separator: " ")
        }
        var out = ["                 total precision  recall     F1   FP   FN", line("overall", e.overall), "", "by language:"]
        out += e.byLanguage.sorted { $0.key < $1.key }.map { line("  " + $0.key, $0.value) }
        out += ["", "by tag:"]
        out += e.byTag.sorted { $0.key < $1.key }.map { line("  " + $0.key, $0.value) }
        let shown = e.misses.prefix(misses)
        if !shown.isEmpty {
            out += ["", "worst misses:"]
            for m in shown {
                out.append("  \(m.expected == "flag" ? "missed" : "false flag") \(m.id) [\(m.lang)] score \(m.score): \(m.title)")
                out.append("      \(m.explanation)")
            }
        }
        return out.joined(separator: "\n")
    }
}
