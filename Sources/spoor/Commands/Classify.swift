import ArgumentParser
import Foundation
import SpoorDetect

/// `spoor classify`: one verdict per listing, as JSON lines or a readable breakdown.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify listings (JSON Lines) and say which look like wildlife offers, and why.",
        discussion: """
            Input: one JSON object per line with "id", "title" and "description" (and optionally
            "price", "currency", "url", "seller", "location", "lang").
            Output: one JSON line per input line, in order:
              {"id","flagged","score","priority","taxa","matches","rules","explanation"}
            where matches give "start"/"end" as character offsets into the original field text.
            A malformed line gets {"line":N,"error":"..."} and the run goes on.
            """)

    @OptionGroup var detector: DetectorOptions

    @Flag(help: "Print a readable breakdown of each verdict instead of JSON.")
    var explain = false

    @Flag(help: "Only output flagged listings.")
    var flaggedOnly = false

    @Argument(help: ArgumentHelp("The listings file, or - for standard input.", valueName: "file"))
    var input: String = "-"

    func run() throws {
        let detector = try detector.makeDetector()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let decoder = JSONDecoder()
        var lineNumber = 0
        var flagged = 0, total = 0, errors = 0
        for line in try LineReader(path: input) {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let listing: Listing
            do {
                listing = try decoder.decode(Listing.self, from: Data(line.utf8))
            } catch {
                errors += 1
                let message = "\(input):\(lineNumber): \(Self.describe(error))"
                FileHandle.standardError.write(Data("spoor: \(message)\n".utf8))
                if !explain { print(Self.errorLine(line: lineNumber, message: message)) }
                continue
            }
            total += 1
            let verdict = detector.classify(listing)
            if verdict.flagged { flagged += 1 }
            if flaggedOnly && !verdict.flagged { continue }
            if explain {
                print(VerdictReport(verdict: verdict, listing: listing).text)
            } else {
                print(String(decoding: try encoder.encode(VerdictLine(verdict)), as: UTF8.self))
            }
        }
        if explain {
            print("\(total) listings, \(flagged) flagged\(errors > 0 ? ", \(errors) malformed lines" : "").")
        }
    }

    static func errorLine(line: Int, message: String) -> String {
        let encoded = (try? JSONEncoder().encode(["error": message])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "{\"line\":\(line)," + encoded.dropFirst()
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing required field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object" : context.debugDescription
        default: return "\(error)"
        }
    }
}

/// The JSON line of one verdict, keys in the documented order.
struct VerdictLine: Encodable {
    let verdict: Verdict
    init(_ verdict: Verdict) { self.verdict = verdict }

    enum Keys: String, CodingKey { case id, flagged, score, priority, taxa, matches, rules, explanation }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(verdict.id, forKey: .id)
        try c.encode(verdict.flagged, forKey: .flagged)
        try c.encode(verdict.score, forKey: .score)
        try c.encode(verdict.priority, forKey: .priority)
        try c.encode(verdict.taxa, forKey: .taxa)
        try c.encode(verdict.matches, forKey: .matches)
        try c.encode(verdict.rules, forKey: .rules)
        try c.encode(verdict.explanation, forKey: .explanation)
    }
}
