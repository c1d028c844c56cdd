import Foundation

extension StructuredData {
    /// The products in the page's `<script type="application/ld+json">` blocks: top-level objects,
    /// arrays, `@graph`, `ItemList.itemListElement` (with `ListItem.item`) and `Offer.itemOffered`,
    /// with `Offer`/`AggregateOffer` prices. Blocks that are not valid JSON are skipped.
    public static func jsonLD(in document: HTMLDocument) -> [ExtractedListing] {
        var problem: CrawlError?
        return jsonLD(in: document, problem: &problem)
    }

    /// The products of ``jsonLD(in:)``; `problem` says which blocks were skipped as not JSON, if any.
    ///
    /// A block JSONSerialization refuses gets a second chance with what browsers and search
    /// engines let pass mended (a lone surrogate escape such as `\ud800` read as U+FFFD, raw
    /// control characters inside strings escaped); only pages with such a block take that path.
    static func jsonLD(in document: HTMLDocument, problem: inout CrawlError?) -> [ExtractedListing] {
        let scripts = (try? document.nodes(xpath:
            "//script[translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'application/ld+json']")) ?? []
        var out: [ExtractedListing] = []
        var skipped: [(block: Int, reason: String)] = []
        for (index, script) in scripts.enumerated() {
            let json: Any
            switch JSONLDText.parse(script.text) {
            case .success(let value): json = value
            case .failure(let reason):
                skipped.append((index + 1, reason.reason))
                continue
            }
            var walker = JSONLDWalker(document: document)
            walker.visit(json, depth: 0)
            out += walker.listings
        }
        if let first = skipped.first {
            let blocks = skipped.count == 1 ? "JSON-LD block \(first.block) of \(scripts.count) is" : "\(skipped.count) of \(scripts.count) JSON-LD blocks are"
            problem = CrawlError(.extraction, subject: document.url ?? "(page)", "\(blocks) not valid JSON: skipped",
                                 cause: "block \(first.block): \(first.reason)")
        }
        return out
    }
}

/// Reading the text of a JSON-LD block, with the mending of ``StructuredData/jsonLD(in:problem:)``.
enum JSONLDText {
    /// The JSON value of `text`, mended if it has to be, or why it is not JSON.
    static func parse(_ text: String) -> Result<Any, ParseFailure> {
        let first: Error
        do {
            return .success(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
        } catch {
            first = error
        }
        if let mended = mended(text), let value = try? JSONSerialization.jsonObject(with: Data(mended.utf8), options: [.fragmentsAllowed]) {
            return .success(value)
        }
        let reason = ((first as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(first)"
        return .failure(ParseFailure(reason: String(reason.prefix(200))))
    }

    /// Why a block is not JSON.
    struct ParseFailure: Error {
        /// JSONSerialization's explanation.
        var reason: String
    }

    /// `text` with lone surrogate escapes replaced by `\ufffd` and raw control characters in
    /// strings escaped; nil when there is nothing of the kind to mend.
    static func mended(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var changed = false
        var inString = false
        var i = 0
        let replacement = Array("\\ufffd".utf8)
        while i < bytes.count {
            let byte = bytes[i]
            guard inString else {
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = false
                out.append(byte)
                i += 1
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else {
                    out.append(byte)
                    i += 1
                    continue
                }
                guard bytes[i + 1] == UInt8(ascii: "u"), let unit = hex4(bytes, i + 2) else {
                    out += bytes[i...(i + 1)]
                    i += 2
                    continue
                }
                if (0xD800...0xDBFF).contains(unit), i + 11 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"),
                    bytes[i + 7] == UInt8(ascii: "u"), let low = hex4(bytes, i + 8), (0xDC00...0xDFFF).contains(low)
                {
                    out += bytes[i..<(i + 12)]  // a well-formed pair
                    i += 12
                } else if (0xD800...0xDFFF).contains(unit) {
                    out += replacement
                    changed = true
                    i += 6
                } else {
                    out += bytes[i..<(i + 6)]
                    i += 6
                }
            case 0..<0x20:
                switch byte {
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
                }
                changed = true
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    /// The value of the four hex digits at `start`, if there are four.
    private static func hex4(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}

/// Walks a JSON-LD value collecting products.
struct JSONLDWalker {
    let document: HTMLDocument
    var listings: [ExtractedListing] = []
    /// Nesting beyond this is ignored (hostile pages).
    static let maxDepth = 32

    mutating func visit(_ value: Any, depth: Int) {
        guard depth < Self.maxDepth else { return }
        if let array = value as? [Any] {
            for item in array { visit(item, depth: depth + 1) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        let types = Self.types(object)
        if types.contains(where: StructuredData.isProductType) {
            if let listing = product(object, offer: nil) { listings.append(listing) }
            return
        }
        if types.contains("Offer") || types.contains("AggregateOffer"), let item = object["itemOffered"] as? [String: Any] {
            if let listing = product(item, offer: object) { listings.append(listing) }
            return
        }
        for key in ["@graph", "itemListElement", "item", "mainEntity"] {
            if let inner = object[key] { visit(inner, depth: depth + 1) }
        }
    }

    static func types(_ object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// A listing from a Product object (with an offer given from outside, or its own `offers`).
    func product(_ object: [String: Any], offer outer: [String: Any]?) -> ExtractedListing? {
        guard let title = Self.text(object["name"]).map(TextSteps.collapse), !title.isEmpty else { return nil }
        let offer = outer ?? Self.firstObject(object["offers"])
        var price: Double?
        var currency: String?
        var seller: String?
        var location: String?
        if let offer {
            let spec = Self.firstObject(offer["priceSpecification"])
            price = Self.number(offer["price"]) ?? Self.number(offer["lowPrice"]) ?? spec.flatMap { Self.number($0["price"]) }
            currency = Self.text(offer["priceCurrency"]) ?? spec.flatMap { Self.text($0["priceCurrency"]) }
            seller = Self.name(offer["seller"])
            location = Self.place(offer["availableAtOrFrom"]) ?? Self.place(offer["areaServed"])
        }
        let url = (Self.text(object["url"]) ?? Self.text(offer?["url"])).flatMap { document.absoluteURL($0) }
        var images: [String] = []
        var seen: Set<String> = []
        for image in Self.images(object["image"]) {
            if let absolute = document.absoluteURL(image) { appendUnique(absolute, to: &images, seen: &seen) }
        }
        return ExtractedListing(
            url: url, listingID: Self.text(object["sku"]) ?? Self.text(object["productID"]),
            title: title, description: Self.text(object["description"]).map(TextSteps.collapse) ?? "",
            price: price, currency: currency, seller: seller ?? Self.name(object["seller"]), location: location,
            postedAt: Self.text(object["datePosted"]) ?? Self.text(offer?["validFrom"]) ?? Self.text(object["datePublished"]),
            images: images, source: "json-ld")
    }

    static func firstObject(_ value: Any?) -> [String: Any]? {
        if let object = value as? [String: Any] { return object }
        return (value as? [Any])?.lazy.compactMap { $0 as? [String: Any] }.first
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let trimmed = TextSteps.trim(text)
            return trimmed.isEmpty ? nil : trimmed
        case let number as NSNumber: return number.stringValue
        case let array as [Any]: return array.lazy.compactMap { text($0) }.first
        default: return nil
        }
    }

    static func number(_ value: Any?) -> Double? {
        if let text = value as? String { return Double(TextSteps.trim(text)) ?? TextSteps.number(in: text) }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    /// A person's or organization's name (or the text itself).
    static func name(_ value: Any?) -> String? {
        if let object = firstObject(value) { return text(object["name"]) ?? text(object["alternateName"]) }
        return text(value)
    }

    /// A place as text: its name, or locality and region from its address.
    static func place(_ value: Any?) -> String? {
        guard let object = firstObject(value) else { return text(value) }
        if let name = text(object["name"]) { return name }
        guard let address = firstObject(object["address"]) else { return text(object["address"]) }
        let parts = ["addressLocality", "addressRegion", "addressCountry"].compactMap { text(address[$0]) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Image URLs from a string, an ImageObject or a list of either.
    static func images(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return [text]
        case let object as [String: Any]: return [Self.text(object["url"]) ?? Self.text(object["contentUrl"])].compactMap { $0 }
        case let array as [Any]: return array.flatMap { images($0) }
        default: return []
        }
    }
}
