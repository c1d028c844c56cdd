#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Encoders the hostile site builds its bodies with: iconv for legacy charsets, zlib for gzip.
enum FixtureCodecs {
    /// `text` encoded in `charset` (an iconv name: `WINDOWS-1252`, `GBK`, `SHIFT_JIS`...), or
    /// `nil` if iconv does not know the charset or a character has no encoding in it.
    static func encode(_ text: String, as charset: String) -> [UInt8]? {
        if charset == "UTF-8" { return Array(text.utf8) }
        let converter = iconv_open(charset, "UTF-8")
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output[0..<produced])
    }

    /// A gzip stream (windowBits 31) of `count` bytes, each `byte`: a small body that inflates big.
    static func gzipRepeating(_ byte: UInt8, count: Int) -> [UInt8] {
        let block = [UInt8](repeating: byte, count: 64 << 10)
        return deflate(count: count) { remaining in Array(block.prefix(remaining)) }
    }

    /// A gzip stream of `prefix`, then `pattern` repeated to `count` bytes (the last copy may be
    /// cut), then `suffix`: a small body that inflates to a big page of repeated markup.
    static func gzipRepeating(_ pattern: [UInt8], count: Int, prefix: [UInt8] = [], suffix: [UInt8] = []) -> [UInt8] {
        precondition(!pattern.isEmpty, "an empty pattern repeats to nothing")
        let copies = max(1, (64 << 10) / pattern.count)
        let block = Array([[UInt8]](repeating: pattern, count: copies).joined())
        var prefixSent = prefix.isEmpty
        var middleLeft = count
        return deflate(count: prefix.count + count + suffix.count) { _ in
            if !prefixSent {
                prefixSent = true
                return prefix
            }
            if middleLeft > 0 {
                let chunk = Array(block.prefix(middleLeft))
                middleLeft -= chunk.count
                return chunk
            }
            return suffix
        }
    }

    /// A gzip stream of `bytes`.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var sent = false
        return deflate(count: bytes.count) { _ in
            defer { sent = true }
            return sent ? [] : bytes
        }
    }

    /// Deflates `count` bytes that `next` supplies (given how many remain) into a gzip stream.
    private static func deflate(count: Int, next: (Int) -> [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflate_init2(&stream, Z_BEST_COMPRESSION, 31) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        var outBlock = [UInt8](repeating: 0, count: 64 << 10)
        var remaining = count
        repeat {
            var input = next(remaining)
            remaining -= input.count
            let flush = remaining <= 0 ? Z_FINISH : Z_NO_FLUSH
            input.withUnsafeMutableBufferPointer { inBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                var status: Int32 = Z_OK
                repeat {
                    let produced = outBlock.withUnsafeMutableBufferPointer { outBuffer -> Int in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = UInt32(outBuffer.count)
                        status = CZlib.deflate(&stream, flush)
                        return outBuffer.count - Int(stream.avail_out)
                    }
                    output.append(contentsOf: outBlock[0..<produced])
                } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END && status >= 0)
                stream.next_in = nil
            }
        } while remaining > 0
        return output
    }
}
