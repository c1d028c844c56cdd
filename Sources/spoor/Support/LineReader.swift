import Foundation

/// Reads a file (or standard input for `-`) line by line without loading it whole.
struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false

    /// Opens `path`, or standard input for `-`. With `maxStringBytes`, a line longer than
    /// ``squeezeAbove`` has its strings cut to about that many bytes as it is read
    /// (``JSONStringSqueezer``), so that a huge field does not hold its whole size in memory
    /// and a line is dropped only when it stays longer than ``maxLineBytes`` after that.
    init(path: String, maxStringBytes: Int? = nil) throws {
        self.maxStringBytes = maxStringBytes
        maxLineBytes = Swift.max(Self.defaultMaxLineBytes, 16 * (maxStringBytes ?? 0))
        squeezeAbove = Swift.max(1 << 20, 4 * (maxStringBytes ?? 0))
        if path == "-" {
            handle = .standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw ValidationErrorMessage("cannot open \(path)")
            }
            handle = h
        }
    }

    /// The longest line kept by default; a longer one is cut there (the rest of it is skipped).
    static let defaultMaxLineBytes = 16 << 20
    /// The longest line kept (after its strings are cut, with `maxStringBytes`): 16 MiB, or
    /// sixteen strings of the longest kept.
    let maxLineBytes: Int
    /// The strings' cap, if strings of long lines are cut.
    let maxStringBytes: Int?
    /// The line length from which strings are cut (four strings of the longest kept, at least
    /// 1 MiB): shorter lines are read as they are.
    let squeezeAbove: Int
    /// The squeezer of the line being read, once it passed ``squeezeAbove``.
    private var squeezer: JSONStringSqueezer?
    /// How many strings of the last line returned were cut short.
    private(set) var lastLineCutStrings = 0
    /// Where the search for the next newline resumes (bytes before it hold none).
    private var scanned = 0
    /// Whether the line being read is past `maxLineBytes` and its rest is being skipped.
    private var skipping = false
    /// Whether the last line returned was cut at `maxLineBytes`.
    private(set) var lastLineWasCut = false

    /// The next line's bytes, without its newline or a trailing carriage return.
    mutating func nextBytes() -> ArraySlice<UInt8>? {
        lastLineWasCut = false
        lastLineCutStrings = 0
        while true {
            if let newline = Self.newline(in: buffer, from: Swift.max(position, scanned)) {
                var end = newline
                if var squeezer {
                    end = squeezer.squeeze(&buffer, upTo: newline)
                    lastLineCutStrings = squeezer.cutStrings
                    self.squeezer = nil
                }
                let line = trimmed(buffer[position..<end])
                position = newline + 1
                scanned = position
                if skipping {
                    skipping = false
                    continue
                }
                return line
            }
            if var squeezer {
                // Squeeze what came of the line so far, and drop what was cut.
                squeezer.squeezeAll(&buffer)
                self.squeezer = squeezer
            } else if let maxStringBytes, !skipping, buffer.count - position > squeezeAbove {
                var squeezer = JSONStringSqueezer(maxStringBytes: maxStringBytes, start: position)
                squeezer.squeezeAll(&buffer)
                self.squeezer = squeezer
            }
            scanned = buffer.count
            if finished {
                guard position < buffer.count, !skipping else { return nil }
                defer { position = buffer.count }
                lastLineCutStrings = squeezer?.cutStrings ?? 0
                squeezer = nil
                return trimmed(buffer[position...])
            }
            if buffer.count - position > maxLineBytes && !skipping {
                // Hand out the first part of an overlong line, then skip to its end.
                let line = buffer[position..<(position + maxLineBytes)]
                skipping = true
                lastLineWasCut = true
                squeezer = nil
                position = buffer.count
                scanned = position
                return line
            }
            // Keep the unread tail, then read the next chunk after it.
            if position > 0 {
                buffer.removeSubrange(0..<position)
                scanned -= position
                squeezer?.shift(by: position)
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
