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
        // Read once: a property wrapper's getter is a generic call, too slow for every line.
        let explain = explain, flaggedOnly = flaggedOnly
        let decoder = JSONDecoder()
        var lineNumber = 0
        var progress = Progress()
        var reader = try LineReader(path: input)
        // JSON lines are written as bytes; --explain reports as text.
        var output: [UInt8] = []
        output.reserveCapacity(1 << 21)
        while let line = reader.nextBytes() {
            lineNumber += 1
            guard line.contains(where: { $0 > 0x20 }) else { continue }
            let listing: Listing
            do {
                if reader.lastLineWasCut {
                    throw ValidationErrorMessage("line longer than \(LineReader.maxLineBytes >> 20) MiB, skipped")
                }
                // The fast reader handles well-formed lines; JSONDecoder explains the rest.
                if let fast = line.withUnsafeBufferPointer({ Listing.parse(json: $0) }) {
                    listing = fast
                } else {
                    listing = try decoder.decode(Listing.self, from: Data(line))
                }
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
            return context.codingPath.isEmpty ? "not a JSON object" : context.debugDescription
        default: return "\(error)"
        }
    }
}
