import SpoorMatch

/// Every watchlist term, normalized and compiled into one automaton, with the taxa they name.
///
/// A search finds all candidate occurrences (overlapping, no boundaries), keeps those that stand
/// as words, or are glued to known words (`realivory`, `#rhinohorn`, `tusks`), and resolves them
/// leftmost-longest, so "rhino horn" wins over "rhino".
public struct TermIndex: Sendable {
    /// What a term says about a taxon.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The accepted scientific name.
        case scientific
        /// A scientific synonym.
        case synonym
        /// A common name.
        case name
        /// A product or part word (ivory, horn, scales).
        case product
        /// A trade or code word.
        case codeWord = "code-word"
    }

    /// One term of one taxon.
    public struct Term: Sendable, Hashable {
        /// The term as the watchlist writes it.
        public var text: String
        /// What it says about the taxon.
        public var kind: Kind
        /// Its language, when the watchlist gives one.
        public var lang: String?
        /// The taxon's index in ``TermIndex/taxa``.
        public var taxon: Int
        /// Whether the term is also an ordinary word and counts only as a mention (see
        /// ``CodeWord/needsContext``).
        public var needsContext: Bool = false
    }

    /// An accepted occurrence of a pattern in normalized text.
    public struct Hit: Sendable, Hashable {
        /// The terms the occurrence stands for (one normalized pattern can name several taxa).
        public var terms: [Int]
        /// The normalized byte range.
        public var range: Range<Int>
    }

    /// The taxa of the watchlist.
    public let taxa: [Taxon]
    /// Every term.
    public let terms: [Term]
    /// The normalizer shared by terms and listings.
    public let normalizer: Normalizer
    let automaton: Automaton
    let patternTerms: [[Int]]
    let patternLiterals: [[Int]]
    let compoundWords: Set<[UInt8]>
    /// The byte length of the longest compound word.
    let maxGlueWord: Int
    /// The longest piece of a word glued to a term that is tried for segmentation.
    static let maxGluedPiece = 64
    /// The shortest term (in bytes) that may be glued to other words: shorter ones (`rh`, `cag`)
    /// inside a word are nearly always part of another word (rhythm, Chicago), and checking each
    /// costs a segmentation.
    static let minGluedTerm = 4
    /// The literals (normalized) that rules require, in the order given: first those that must
    /// start a word, then those that count anywhere (`anywhereLiterals` of the initializer).
    public let literals: [String]
    /// Where a literal counts.
    enum LiteralStart: UInt8, Sendable {
        /// Where it starts a word (``WordScan/startsWord(at:in:)``): hand-written rule literals.
        case word
        /// Where a `\b` could hold before it (``WordScan/mayStartWord(at:in:)``): literals
        /// derived from `\b…` in a pattern.
        case boundary
        /// Anywhere.
        case anywhere
    }
    /// For each literal, where it counts.
    let literalStart: [LiteralStart]
    /// For each pattern, whether one of its literals counts where a word need not start.
    let patternHasLoose: [Bool]

    /// Words that sellers glue to a term without a space and that do not change its meaning
    /// (`realivory`, `rhinohorn`, `tusks`): modifiers, product nouns and plural endings.
    public static let defaultCompoundWords: [String] = [
        "s", "es", "real", "genuine", "natural", "raw", "pure", "solid", "old", "antique", "vintage", "carved",
        "polished", "whole", "full", "wild", "live", "baby", "big", "huge", "rare", "horn", "horns", "tusk",
        "tusks", "scale", "scales", "skin", "skins", "bone", "bones", "claw", "claws", "tooth", "teeth", "fang",
        "fangs", "fur", "pelt", "bile", "shell", "shells", "casque", "maw", "fin", "fins", "powder", "carving",
        "carvings", "bangle", "bangles", "bracelet", "bead", "beads", "necklace", "pendant", "ring", "chopsticks",
        "statue", "figurine", "netsuke", "cup", "wine", "meat", "leather", "for", "sale", "buy", "sell",
    ]

    /// Prepositions and articles sellers leave out of multi-word terms, by language (normalized).
    static let droppableWords: [String: Set<String>] = [
        "es": ["de", "del", "la", "el", "los", "las"], "pt": ["de", "do", "da", "dos", "das"],
        "fr": ["de", "du", "des", "d", "la", "le", "l"], "it": ["di", "del", "della", "dei", "da"],
    ]

    /// Compiles the watchlist's names, synonyms, products and code words, and the rules'
    /// literals (already normalized), into one automaton. `literals` count where they start a
    /// word, `boundaryLiterals` where a `\b` could hold before them, `anywhereLiterals` wherever
    /// they occur; ``literals`` lists all three, in that order.
    public init(
        watchlist: Watchlist, literals: [String] = [], boundaryLiterals: [String] = [], anywhereLiterals: [String] = [],
        normalizer: Normalizer = Normalizer(), compoundWords: [String] = TermIndex.defaultCompoundWords
    ) {
        self.literals = literals + boundaryLiterals + anywhereLiterals
        let literalStart = [LiteralStart](repeating: .word, count: literals.count)
            + [LiteralStart](repeating: .boundary, count: boundaryLiterals.count)
            + [LiteralStart](repeating: .anywhere, count: anywhereLiterals.count)
        self.literalStart = literalStart
        self.taxa = watchlist.taxa
        self.normalizer = normalizer
        var terms: [Term] = []
        for (index, taxon) in watchlist.taxa.enumerated() {
            terms.append(Term(text: taxon.scientific, kind: .scientific, lang: "la", taxon: index))
            for synonym in taxon.synonyms { terms.append(Term(text: synonym, kind: .synonym, lang: "la", taxon: index)) }
            for (lang, names) in taxon.names.sorted(by: { $0.key < $1.key }) {
                for name in names { terms.append(Term(text: name, kind: .name, lang: lang, taxon: index)) }
            }
            for (lang, products) in taxon.products.sorted(by: { $0.key < $1.key }) {
                for product in products { terms.append(Term(text: product, kind: .product, lang: lang, taxon: index)) }
            }
            for word in taxon.codeWords {
                terms.append(Term(text: word.term, kind: .codeWord, lang: word.lang, taxon: index, needsContext: word.needsContext))
            }
        }
        self.terms = terms

        // One pattern per distinct normalized form; multi-word terms in spaced scripts also get
        // their spaceless form (`rhinohorn`), as hashtags write them.
        var patternOf: [[UInt8]: Int] = [:]
        var patternTerms: [[Int]] = []
        var builder = AutomatonBuilder(options: .init(matchKind: .overlapping, boundaries: .none))
        var glue = Set(compoundWords.map { Array(normalizer.canonical($0).utf8) })
        for (t, term) in terms.enumerated() {
            let canonical = normalizer.canonical(term.text)
            guard !canonical.isEmpty else { continue }
            var forms = [Array(canonical.utf8)]
            if canonical.contains(" ") && !canonical.unicodeScalars.contains(where: { WordScan.isUnspacedScript($0.value) }) {
                forms.append(Array(canonical.utf8.filter { $0 != 0x20 }))
                // Titles drop the little words of Romance languages ("cuerno rinoceronte").
                if let lang = term.lang, Self.droppableWords[lang] != nil {
                    let kept = canonical.split(separator: " ").filter { !Self.droppableWords[lang]!.contains(String($0)) }
                    if kept.count >= 2 && kept.count < canonical.split(separator: " ").count {
                        forms.append(Array(kept.joined(separator: " ").utf8))
                    }
                }
            } else if canonical.utf8.count >= 4 {
                glue.insert(Array(canonical.utf8))
            }
            for form in forms {
                if let p = patternOf[form] {
                    if !patternTerms[p].contains(t) { patternTerms[p].append(t) }
                } else {
                    patternOf[form] = builder.add(form)
                    patternTerms.append([t])
                }
            }
        }
        var patternLiterals = [[Int]](repeating: [], count: patternTerms.count)
        for (l, literal) in (literals + boundaryLiterals + anywhereLiterals).enumerated() where !literal.isEmpty {
            let form = Array(literal.utf8)
            if let p = patternOf[form] {
                patternLiterals[p].append(l)
            } else {
                patternOf[form] = builder.add(form)
                patternTerms.append([])
                patternLiterals.append([l])
            }
        }
        self.patternTerms = patternTerms
        self.patternLiterals = patternLiterals
        self.patternHasLoose = patternLiterals.map { $0.contains { l in literalStart[l] != .word } }
        self.automaton = builder.build()
        self.compoundWords = glue
        self.maxGlueWord = glue.map(\.count).max() ?? 1
    }

    /// The number of distinct normalized patterns compiled.
    public var patternCount: Int { automaton.patternCount }
    /// How the automaton stores its transitions.
    public var representation: Automaton.Representation { automaton.representation }
    /// The bytes the automaton's tables hold.
    public var memoryBytes: Int { automaton.memoryBytes }

    /// What one search found: term occurrences and which literals occur.
    public struct Hits: Sendable {
        /// Accepted, non-overlapping term occurrences, in order.
        public var terms: [Hit] = []
        /// The literals that occur (indices into ``TermIndex/literals``), each once, in the
        /// order first found.
        public var foundLiterals: [Int] = []
        /// How many literals the index has.
        public var literalCount = 0
        /// For each literal (indexed as ``TermIndex/literals``), whether it occurs anywhere.
        public var literals: [Bool] {
            var flags = [Bool](repeating: false, count: literalCount)
            for literal in foundLiterals { flags[literal] = true }
            return flags
        }
    }

    /// Searches normalized text once for every term and literal.
    public func search(_ text: NormalizedText) -> Hits {
        // Which literals were seen, as bits on the stack: no allocation per field.
        let words = (literals.count + 63) / 64
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, words)) { seen in
            seen.initialize(repeating: 0)
            return text.bytes.withUnsafeBufferPointer { bytes in
                var found = Hits()
                found.literalCount = literals.count
                // Collected first (a specialized loop, no callback per match), then sorted out;
                // accepted term candidates are kept at the front of the same array.
                var matches = automaton.matches(in: bytes)
                var kept = 0
                for k in matches.indices {
                    let match = matches[k]
                    // A rule literal counts where it starts a word: a word or its stem (`слонов` in
                    // "слоновой"), not the inside of another word ("old" in "gold", "red" in "offered").
                    // Literals derived from a pattern may also count anywhere.
                    if !patternLiterals[match.pattern].isEmpty {
                        let startsWord = WordScan.startsWord(at: match.start, in: bytes)
                        if startsWord || patternHasLoose[match.pattern] {
                            for literal in patternLiterals[match.pattern] where startsWord || literalStart[literal] == .anywhere
                                || (literalStart[literal] == .boundary && WordScan.mayStartWord(at: match.start, in: bytes)) {
                                let bit = UInt64(1) << (literal % 64)
                                if seen[literal / 64] & bit == 0 {
                                    seen[literal / 64] |= bit
                                    if found.foundLiterals.isEmpty { found.foundLiterals.reserveCapacity(8) }
                                    found.foundLiterals.append(literal)
                                }
                            }
                        }
                    }
                    if !patternTerms[match.pattern].isEmpty,
                       WordBoundaryPolicy.words.allows(match.range, in: bytes)
                        || (match.range.count >= Self.minGluedTerm && isCompound(match.range, in: bytes)) {
                        matches[kept] = match
                        kept += 1
                    }
                }
                guard kept > 0 else { return found }
                // Leftmost-longest among the accepted candidates.
                matches[..<kept].sort { ($0.start, $1.end, $0.pattern) < ($1.start, $0.end, $1.pattern) }
                var covered = 0
                for candidate in matches[..<kept] where candidate.start >= covered {
                    found.terms.append(Hit(terms: patternTerms[candidate.pattern], range: candidate.range))
                    covered = candidate.end
                }
                return found
            }
        }
    }

    /// Whether a match inside a word is glued only to known words on either side.
    private func isCompound(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Pieces longer than the longest run of glue words cannot segment: look no further.
        let word = WordScan.word(around: range, in: bytes, limit: Self.maxGluedPiece + 1)
        return segments(Array(bytes[word.lowerBound..<range.lowerBound]))
            && segments(Array(bytes[range.upperBound..<word.upperBound]))
    }

    /// Whether `piece` is empty or splits entirely into compound words.
    private func segments(_ piece: [UInt8]) -> Bool {
        guard !piece.isEmpty else { return true }
        guard piece.count <= Self.maxGluedPiece else { return false }
        var reachable = [Bool](repeating: false, count: piece.count + 1)
        reachable[0] = true
        for i in 0..<piece.count where reachable[i] {
            for j in (i + 1)...min(piece.count, i + maxGlueWord) where !reachable[j] {
                if compoundWords.contains(Array(piece[i..<j])) { reachable[j] = true }
            }
        }
        return reachable[piece.count]
    }
}
