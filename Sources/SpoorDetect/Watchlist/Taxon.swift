/// A CITES appendix (as listed at CoP19), or a split listing across two appendices.
public enum Appendix: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Appendix I: threatened with extinction; commercial trade in wild specimens is banned.
    case i = "I"
    /// Split listing: some populations in Appendix I, the others in Appendix II (see the annotation).
    case iAndII = "I/II"
    /// Appendix II: trade must be controlled to avoid overexploitation.
    case ii = "II"
    /// Appendix III: listed by a range State asking others for help in controlling trade.
    case iii = "III"

    /// 0 for the most protected: Res. Conf. 11.3 para 6 b) asks for Appendix-I offers first.
    public var rank: Int {
        switch self {
        case .i: 0
        case .iAndII: 1
        case .ii: 2
        case .iii: 3
        }
    }

    /// Orders the most protected first.
    public static func < (lhs: Appendix, rhs: Appendix) -> Bool { lhs.rank < rhs.rank }

    /// Whether some specimens of the taxon fall under Appendix I.
    public var includesAppendixI: Bool { self == .i || self == .iAndII }
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

    /// Creates a code word.
    public init(term: String, lang: String, source: String) {
        self.term = term
        self.lang = lang
        self.source = source
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

    /// Creates a taxon.
    public init(
        id: String, scientific: String, rank: Rank, appendix: Appendix, annotation: String? = nil,
        priority: Priority, synonyms: [String] = [], names: [String: [String]] = [:],
        products: [String: [String]] = [:], codeWords: [CodeWord] = []
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
