import CZlib

/// gzip decompression with a cap on the output size (sitemaps arrive as `.xml.gz`; gzip bombs are expected).
public enum Gunzip {
    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The decompressed bytes of the gzip stream in `bytes`.
    ///
    /// - Throws: ``CrawlError`` `.limitExceeded` as soon as the output would pass `limit` bytes,
    ///   `.decoding` for data that is not valid gzip or is cut short. `subject` names the source.
    public static func inflate(_ bytes: [UInt8], limit: Int, subject: String) throws(CrawlError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a gzip wrapper around a deflate stream with the largest window.
        guard czlib_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw CrawlError(.decoding, subject: subject, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        // A status of our own, outside zlib's range, for "the output passed the limit".
        let limitHit: Int32 = -1000
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                let produced: Int
                var rc: Int32 = Z_OK
                produced = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                if output.count + produced > limit { return limitHit }
                output.append(contentsOf: chunk[0..<produced])
                if rc == Z_STREAM_END { return rc }
                if rc != Z_OK { return rc }
                if stream.avail_in == 0 && produced == 0 { return Z_BUF_ERROR }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case limitHit:
            throw CrawlError(.limitExceeded, subject: subject, "decompresses to more than \(limit) bytes")
        case Z_BUF_ERROR:
            throw CrawlError(.decoding, subject: subject, "the gzip data is cut short")
        default:
            let message = stream.msg.map { String(cString: $0) }
            throw CrawlError(.decoding, subject: subject, "not valid gzip data", cause: message)
        }
    }
}
