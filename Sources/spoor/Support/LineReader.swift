import Foundation

/// Reads a file (or standard input for `-`) line by line without loading it whole.
struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false

    /// Opens `path`, or standard input for `-`.
    init(path: String) throws {
        if path == "-" {
            handle = .standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw ValidationErrorMessage("cannot open \(path)")
            }
            handle = h
        }
    }

    /// The longest line kept; a longer one is cut there (the rest of it is skipped).
    static let maxLineBytes = 16 << 20
    /// Where the search for the next newline resumes (bytes before it hold none).
    private var scanned = 0
    /// Whether the line being read is past `maxLineBytes` and its rest is being skipped.
    private var skipping = false
    /// Whether the last line returned was cut at `maxLineBytes`.
    private(set) var lastLineWasCut = false

    /// The next line's bytes, without its newline or a trailing carriage return.
    mutating func nextBytes() -> ArraySlice<UInt8>? {
        lastLineWasCut = false
        while true {
            if let newline = Self.newline(in: buffer, from: Swift.max(position, scanned)) {
                let line = trimmed(buffer[position..<newline])
                position = newline + 1
                scanned = position
                if skipping {
                    skipping = false
                    continue
                }
                return line
            }
            scanned = buffer.count
            if finished {
                guard position < buffer.count, !skipping else { return nil }
                defer { position = buffer.count }
                return trimmed(buffer[position...])
            }
            if buffer.count - position > Self.maxLineBytes && !skipping {
                // Hand out the first part of an overlong line, then skip to its end.
                let line = buffer[position..<(position + Self.maxLineBytes)]
                skipping = true
                lastLineWasCut = true
                position = buffer.count
                scanned = position
                return line
            }
            // Keep the unread tail, then read the next chunk after it.
            if position > 0 {
                buffer.removeSubrange(0..<position)
                scanned -= position
                position = 0
            }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    /// The index of the first newline at or after `start` (memchr: this is every byte of input).
    private static func newline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else { return nil }
            return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line
    }

    /// The next line as text.
    mutating func next() -> String? {
        nextBytes().map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A plain error message for the command line.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
