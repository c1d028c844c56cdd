import Foundation
import Testing
@testable import spoor

/// The line reader `spoor classify` feeds on: every line once, whatever the line endings and
/// however lines fall across its 1 MiB reads.
@Suite struct LineReaderTests {
    private func lines(of content: [UInt8]) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spoor-lines-\(UUID().uuidString).txt").path
        FileManager.default.createFile(atPath: path, contents: Data(content))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(path: path)
        var out: [String] = []
        while let line = reader.next() { out.append(line) }
        return out
    }

    @Test func carriageReturnsBlankLinesAndAMissingLastNewline() throws {
        #expect(try lines(of: Array("a\r\nb\n\nc".utf8)) == ["a", "b", "", "c"])
        #expect(try lines(of: Array("only\n".utf8)) == ["only"])
        #expect(try lines(of: []) == [])
    }

    @Test func linesAcrossReadBoundariesComeOutWhole() throws {
        // Lines of varied lengths so that newlines fall on and around every 1 MiB boundary.
        var content: [UInt8] = [], expected: [String] = []
        var n = 0
        while content.count < 3 << 20 {
            let line = String(repeating: Character(UnicodeScalar(UInt8(97 + n % 26))), count: 1 + (n * 7919) % 5000)
            content += Array(line.utf8) + [0x0A]
            expected.append(line)
            n += 1
        }
        #expect(try lines(of: content) == expected)
    }

    @Test func aMissingFileIsAClearError() {
        #expect(throws: (any Error).self) { _ = try LineReader(path: "/nonexistent/listings.jsonl") }
    }
}
