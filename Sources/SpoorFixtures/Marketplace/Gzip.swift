import CZlib

/// gzip compression for the compressed sitemap, with zlib.
public enum Gzip {
    /// The gzip member for `bytes` (header with mtime 0, so the output is deterministic).
    public static func compress(_ bytes: [UInt8], level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        // Window bits 15 + 16 ask deflateInit2 for a gzip wrapper instead of a zlib one.
        guard czlib_deflate_init2(&stream, level, 31) == Z_OK else {
            preconditionFailure("deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        let capacity = output.count
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "deflate did not finish in one call")
        return Array(output[0..<(capacity - Int(stream.avail_out))])
    }
}
