// Fuzzes SpoorDetect's fast listing reader (`Listing.parse(json:)`, the hot path of
// `spoor classify`), differentially, on lines that are valid UTF-8:
// - where the fast reader and JSONDecoder both accept a line, they give the same Listing;
// - a line the fast reader accepts is JSON that JSONSerialization accepts as an object, so a
//   malformed line is never classified as if it were well-formed.
// The fast reader may decline anything (classify then asks JSONDecoder), so declining is no
// failure. Invalid UTF-8 inside strings is U+FFFD to the fast reader (as text is everywhere in
// Spoor) while JSONDecoder fails just the field that holds it, so such lines are only run for
// crashes. A lone surrogate escape (`\ud800`) is U+FFFD to the fast reader (as to JavaScript's
// JSON.parse) and refused by the Foundation readers: both oracles read the line with such escapes
// written `\uFFFD` (`Listing.replacingLoneSurrogates(in:)`, what classify hands JSONDecoder).
import Foundation
import FuzzSupport
import SpoorDetect

let decoder = JSONDecoder()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzListingJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    let fast = bytes.withUnsafeBufferPointer { Listing.parse(json: $0) }
    guard String(validating: bytes, as: UTF8.self) != nil else { return 0 }
    let mended = Listing.replacingLoneSurrogates(in: bytes) ?? bytes
    let slow = try? decoder.decode(Listing.self, from: Data(mended))
    if let fast, let slow {
        require(fast == slow, "fast reader and JSONDecoder disagree on \(describe(bytes)):\n  fast \(fast)\n  slow \(slow)")
    }
    if fast != nil {
        let object = try? JSONSerialization.jsonObject(with: Data(mended)) as? [String: Any]
        require(object != nil, "fast reader accepts what JSONSerialization rejects: \(describe(bytes))")
    }
    return 0
}
