import Foundation

/// A CITES listing: the appendices a taxon's populations are in, as Species+ writes it
/// (`I`, `II`, `III`, `I/II`, `I/NC`, `II/NC`, `NC`...), where `NC` means some populations are
/// not covered by the Convention.
public struct Appendix: Sendable, Hashable, Comparable, RawRepresentable, Codable, CustomStringConvertible {
    /// The appendices listed, from 1 to 3, ascending.
    public let appendices: [Int]
    /// Whether some populations are not CITES-listed (`NC`).
    public let includesUnlisted: Bool

    /// Appendix I: threatened with extinction; commercial trade in wild specimens is banned.
    public static let i = Appendix(rawValue: "I")!
    /// Appendix II: trade must be controlled to avoid overexploitation.
    public static let ii = Appendix(rawValue: "II")!
    /// Appendix III: listed by a range State asking others for help in controlling trade.
    public static let iii = Appendix(rawValue: "III")!
    /// Split listing: some populations in Appendix I, the others in Appendix II.
    public static let iAndII = Appendix(rawValue: "I/II")!

    /// Parses `I`, `II`, `III` and `NC` joined by `/`; `nil` for anything else.
    public init?(rawValue: String) {
        var appendices: Set<Int> = []
        var unlisted = false
        let parts = rawValue.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part.trimmingCharacters(in: .whitespaces) {
            case "I": appendices.insert(1)
            case "II": appendices.insert(2)
            case "III": appendices.insert(3)
            case "NC": unlisted = true
            default: return nil
            }
        }
        guard parts.count == appendices.count + (unlisted ? 1 : 0) else { return nil }  // no repeats
        self.appendices = appendices.sorted()
        self.includesUnlisted = unlisted
    }

    /// The canonical text, e.g. `I/II/NC`.
    public var rawValue: String {
        (appendices.map { ["I", "II", "III"][$0 - 1] } + (includesUnlisted ? ["NC"] : [])).joined(separator: "/")
    }

    /// The canonical text.
    public var description: String { rawValue }

    /// The most protective appendix, from 1; 4 when nothing is listed.
    public var rank: Int { appendices.first ?? 4 }

    /// Orders the most protected first (Res. Conf. 11.3 para 6 b) asks for Appendix-I offers first).
    public static func < (lhs: Appendix, rhs: Appendix) -> Bool {
        (lhs.rank, lhs.appendices.count, lhs.rawValue) < (rhs.rank, rhs.appendices.count, rhs.rawValue)
    }

    /// Whether some specimens of the taxon fall under Appendix I.
    public var includesAppendixI: Bool { appendices.first == 1 }

    /// Whether the listing spans more than one status (needs an annotation to say which is which).
    public var isSplit: Bool { appendices.count + (includesUnlisted ? 1 : 0) > 1 }

    /// Decodes from the canonical text.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Appendix(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown CITES listing '\(text)'"))
        }
        self = value
    }

    /// Encodes as the canonical text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// How urgently offers of a taxon should be reviewed.
public enum Priority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Appendix-I taxa heavily traded online: review first.
    case critical
    /// Review soon.
    case high
    /// Review in the normal course.
    case medium
    /// Review when time allows.
    case low

    /// 0 for the most urgent.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// Orders the most urgent first.
    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}

/// A taxonomic rank the watchlist can name.
public enum Rank: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ranks Species+ uses, from kingdom down to variety.
    case kingdom, phylum, `class`, order, family, subfamily, genus, species, subspecies, variety
}

/// A trade or code word for a taxon's products, with the source documenting it.
public struct CodeWord: Sendable, Hashable, Codable {
    /// The word as sellers write it.
    public var term: String
    /// The language it is used in.
    public var lang: String
    /// The report or paper documenting its use.
    public var source: String
    /// Whether the word is also an ordinary word or abbreviation (`CAG`, `U2`, `hyacinth`): it then
    /// counts only as a mention, like a common name, and needs context to flag. A word written in
    /// capitals in the watchlist counts fully only when the seller writes it in capitals too.
    public var needsContext: Bool

    /// Creates a code word.
    public init(term: String, lang: String, source: String, needsContext: Bool = false) {
        self.term = term
        self.lang = lang
        self.source = source
        self.needsContext = needsContext
    }
}

/// One watchlist entry: a taxon, its CITES listing, and every way sellers name it and its products.
public struct Taxon: Sendable, Hashable, Codable, Identifiable {
    /// A stable id, lowercase letters, digits and hyphens (`loxodonta-africana`).
    public var id: String
    /// The accepted scientific name.
    public var scientific: String
    /// The taxonomic rank.
    public var rank: Rank
    /// The CITES appendix.
    public var appendix: Appendix
    /// The listing annotation, e.g. which populations of a split-listed species are in Appendix II.
    public var annotation: String?
    /// How urgently offers should be reviewed.
    public var priority: Priority
    /// Scientific synonyms, without authors.
    public var synonyms: [String]
    /// Common names by language code.
    public var names: [String: [String]]
    /// Product and part words (ivory, horn, scales...) by language code.
    public var products: [String: [String]]
    /// Trade and code words, with sources.
    public var codeWords: [CodeWord]
    /// Whether naming the taxon names the goods: taxa traded as material (corals, timbers,
    /// agarwood) or as live animals and plants (tortoises, parrots, otters, orchids), whose names
    /// sellers rarely use for anything else. Their common names then weigh as much as product
    /// words; other names (tiger, jaguar, rhino) need corroboration.
    public var namesAreProducts: Bool

    /// Creates a taxon.
    public init(
        id: String, scientific: String, rank: Rank, appendix: Appendix, annotation: String? = nil,
        priority: Priority, synonyms: [String] = [], names: [String: [String]] = [:],
        products: [String: [String]] = [:], codeWords: [CodeWord] = [], namesAreProducts: Bool = false
    ) {
        self.id = id
        self.scientific = scientific
        self.rank = rank
        self.appendix = appendix
        self.annotation = annotation
        self.priority = priority
        self.synonyms = synonyms
        self.names = names
        self.products = products
        self.codeWords = codeWords
        self.namesAreProducts = namesAreProducts
    }

    /// A display name: the first English common name with the scientific name, or the latter alone.
    public var displayName: String {
        if let common = names["en"]?.first { return "\(common) (\(scientific))" }
        return scientific
    }
}

/// The language codes watchlists may use (BCP 47 tags).
public enum LanguageCode {
    /// Every accepted code.
    public static let supported: Set<String> = [
        "en", "fr", "es", "pt", "de", "it", "nl", "ru", "ja", "ko", "zh-Hans", "zh-Hant", "vi", "th", "id", "ms",
        "ar", "hi", "sw", "tl", "la",
    ]
}
