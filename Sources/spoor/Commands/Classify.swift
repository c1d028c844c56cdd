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
            A match shown in another order than stored (a bidi override such as U+202E) has
            "display"; a verdict whose title or description was longer than --max-field-kib
            and cut has "truncated": the fields cut.
            A malformed line gets {"line":N,"error":"..."} naming the problem and its column,
            and the run goes on.
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
        // Read once: a property wrapper's getter is a generic call, too slow for every line.
        let explain = explain, flaggedOnly = flaggedOnly
        let decoder = JSONDecoder()
        var lineNumber = 0
        var progress = Progress()
        // Long strings of long lines are cut as they are read: the detector reads no more.
        var reader = try LineReader(path: input, maxStringBytes: detector.maxFieldBytes)
        // JSON lines are written as bytes; --explain reports as text.
        var output: [UInt8] = []
        output.reserveCapacity(1 << 21)
        while let line = reader.nextBytes() {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            let listing: Listing
            do {
                if reader.lastLineWasCut {
                    throw ValidationErrorMessage("line longer than \(reader.maxLineBytes >> 20) MiB even with its strings cut, skipped")
                }
                listing = try Self.listing(from: line, decoder: decoder)
            } catch {
                progress.tick(flagged: false, error: true)
                let message = "\(input):\(lineNumber): \(Self.describe(error))"
                FileHandle.standardError.write(Data("spoor: \(message)\n".utf8))
                if !explain { output.append(contentsOf: (Self.errorLine(line: lineNumber, message: message) + "\n").utf8) }
                continue
            }
            let verdict = detector.classify(listing)
            progress.tick(flagged: verdict.flagged)
            if flaggedOnly && !verdict.flagged { continue }
            if explain {
                output.append(contentsOf: (VerdictReport(verdict: verdict, listing: listing).text + "\n").utf8)
            } else {
                JSONLineWriter.append(verdict, to: &output)
                output.append(0x0A)
            }
            if output.count >= 1 << 20 { Self.write(&output) }
        }
        Self.write(&output)
        if explain {
            print("\(progress.done) listings, \(progress.flagged) flagged\(progress.errors > 0 ? ", \(progress.errors) malformed lines" : "").")
        } else {
            progress.finish(command: "classify")
        }
    }

    /// The listing of one input line. The fast reader handles well-formed lines; the rest is
    /// checked for a syntax error (named with its column), then `JSONDecoder` explains missing
    /// fields and wrong types. A lone surrogate escape (`\ud800`) reads as U+FFFD either way.
    static func listing(from line: ArraySlice<UInt8>, decoder: JSONDecoder) throws -> Listing {
        if let fast = line.withUnsafeBufferPointer({ Listing.parse(json: $0) }) { return fast }
        if let problem = line.withUnsafeBufferPointer({ JSONLineProblem.find(in: $0) }) {
            throw ValidationErrorMessage("not a JSON object: \(problem)")
        }
        let bytes = Array(line)
        return try decoder.decode(Listing.self, from: Data(Listing.replacingLoneSurrogates(in: bytes) ?? bytes))
    }

    /// Writes and empties the output buffer.
    static func write(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        FileHandle.standardOutput.write(Data(output))
        output.removeAll(keepingCapacity: true)
    }

    static func errorLine(line: Int, message: String) -> String {
        "{\"line\":\(line),\"error\":\(JSONText.quoted(message))}"
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing required field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object (\(context.debugDescription))" : context.debugDescription
        default: return "\(error)"
        }
    }
}
