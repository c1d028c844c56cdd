import Crypto
import Foundation

/// SHA-256 as lowercase hex, the digest format of the store (content hashes, evidence
/// digests, the audit chain).
public enum SHA256Hex {
    /// The SHA-256 of `bytes`, as 64 lowercase hex characters.
    public static func of<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex characters.
    public static func of(text: String) -> String {
        of(Data(text.utf8))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
