import SpoorMatch

extension Detector {
    /// Turns field scans into a scored, explained verdict.
    func score(listing: Listing, scans: [FieldScan]) -> Verdict {
        var steps: [Verdict.Step] = []
        var matches: [Verdict.TermMatch] = []
        // Evidence per taxon: each term counts once, at the weight of its strongest occurrence (a
        // title mention outweighs a description one).
        var evidence: [Int: [Int: Double]] = [:]  // taxon -> term -> weight
        var firstHit: [Int: (term: Int, text: String, field: String)] = [:]
        // The original text is read only for fields with something to show (most have nothing).
        var originals = scans.map { $0.hits.isEmpty && $0.fired.isEmpty ? OriginalText("") : OriginalText($0.original) }
        for (f, scan) in scans.enumerated() {
            for (h, hit) in scan.hits.enumerated() {
                let suppressed = scan.suppressed.contains(h)
                let source = scan.normalized.sourceRange(of: hit.range)
                let text = originals[f].text(source)
                let (start, end) = originals[f].scalarOffsets(source)
                let display = scan.normalized.reorderingControl(of: hit.range)?.effect
                // One occurrence per taxon: the strongest of the terms it stands for.
                var strongest: [Int: (term: Int, weight: Double)] = [:]
                for t in hit.terms {
                    let term = index.terms[t]
                    let w = weight(of: term, writtenAs: text, inTitle: scan.name == "title")
                    if w > strongest[term.taxon]?.weight ?? -1 { strongest[term.taxon] = (t, w) }
                }
                for (taxon, best) in strongest.sorted(by: { $0.key < $1.key }) {
                    let term = index.terms[best.term]
                    matches.append(.init(
                        field: scan.name, start: start, end: end, text: text, term: term.text, kind: term.kind,
                        taxon: index.taxa[taxon].scientific, suppressed: suppressed, display: display))
                    guard !suppressed else { continue }
                    if best.weight > evidence[taxon, default: [:]][best.term, default: 0] { evidence[taxon, default: [:]][best.term] = best.weight }
                    if firstHit[taxon] == nil { firstHit[taxon] = (best.term, text, scan.name) }
                }
            }
        }
        // Within a kind the strongest term counts (two names of one animal are one mention);
        // different kinds corroborate each other (a name and a product word).
        let missing = evidence.mapValues { terms in
            var strongestByKind: [TermIndex.Kind: Double] = [:]
            for (t, w) in terms { strongestByKind[index.terms[t].kind] = max(strongestByKind[index.terms[t].kind] ?? 0, w) }
            return strongestByKind.values.reduce(1.0) { $0 * (1 - $1) }
        }
        var named = missing.map { t, miss in
            let taxon = index.taxa[t]
            return (index: t, ref: Verdict.TaxonRef(id: taxon.id, name: taxon.scientific, common: taxon.names["en"]?.first,
                                                   appendix: taxon.appendix, score: Self.round(1 - miss)))
        }
        named.sort { ($0.ref.appendix.rank, -$0.ref.score, $0.ref.name) < ($1.ref.appendix.rank, -$1.ref.score, $1.ref.name) }
        let taxa = named.map(\.ref)
        let bestNamed = named.max { $0.ref.score < $1.ref.score }
        let best = bestNamed?.ref

        // Rules.
        var raise = 0.0, lower = 0.0
        var fired: [Verdict.RuleRef] = []
        var firedIDs: Set<Int> = []
        for (f, scan) in scans.enumerated() {
            for (r, range) in scan.fired where firedIDs.insert(r).inserted {
                let rule = rules.rules[r]
                switch rule.effect {
                case .raise: raise += rule.weight
                case .lower: lower += rule.weight
                case .suppress: break
                }
                let signed = rule.effect == .raise ? rule.weight : rule.effect == .lower ? -rule.weight : 0
                let source = scan.normalized.bytes.isEmpty || range.isEmpty ? 0..<0 : scan.normalized.sourceRange(of: range)
                fired.append(.init(id: rule.id, weight: signed, title: rule.title, field: scan.name,
                                   text: originals[f].text(source)))
            }
        }

        var score = 0.0
        if best == nil && matches.isEmpty {
            // No taxon named: a disguised offer needs goods (evidence) and context together.
            let kinds = Set(fired.compactMap { ref in rules.rules.first { $0.id == ref.id }?.standalone })
            let total = fired.reduce(0) { $0 + $1.weight }
            if kinds.contains(.evidence) && kinds.contains(.context) {
                score = total
                for rule in fired { steps.append(.init(reason: "rule \(rule.id): \(rule.title)", delta: rule.weight, rule: rule.id)) }
            }
        }
        if let best {
            score = best.score
            steps.append(.init(reason: "evidence for \(best.common ?? best.name) (\(best.name), Appendix \(best.appendix.rawValue))", delta: best.score))
            if best.appendix.includesAppendixI || taxa.contains(where: { $0.appendix.includesAppendixI }) {
                score += scoring.appendixIBonus
                steps.append(.init(reason: "Appendix I taxon (Res. Conf. 11.3 para 6 b)", delta: scoring.appendixIBonus))
            }
            for rule in fired where rule.weight != 0 {
                steps.append(.init(reason: "rule \(rule.id): \(rule.title)", delta: rule.weight, rule: rule.id))
            }
            let r = min(raise, scoring.maxRaise), l = min(lower, scoring.maxLower)
            if r < raise { steps.append(.init(reason: "raise rules capped at \(scoring.maxRaise)", delta: r - raise)) }
            if l < lower { steps.append(.init(reason: "lower rules capped at \(scoring.maxLower)", delta: lower - l)) }
            score += r - l
        }
        score = Self.round(min(1, max(0, score)))
        let flagged = score >= scoring.threshold
        let priority = self.priority(flagged: flagged, score: score, named: named)
        let explanation = Self.explain(
            flagged: flagged, score: score, best: best, firstHit: best.flatMap { b in
                bestNamed.flatMap { firstHit[$0.index] }
            }, index: index, fired: fired, matches: matches)
        return Verdict(id: listing.id, flagged: flagged, score: score, priority: priority, taxa: taxa,
                       matches: matches, rules: fired, explanation: explanation, steps: steps)
    }

    /// The evidence one occurrence of `term` gives.
    private func weight(of term: TermIndex.Term, writtenAs text: String, inTitle: Bool) -> Double {
        let kind: TermIndex.Kind = term.needsContext ? .name
            : term.kind == .name && index.taxa[term.taxon].namesAreProducts ? .product : term.kind
        var w = scoring.kindWeight[kind] ?? 0.5
        // An abbreviation the watchlist writes in capitals (`CAG`, `RH`) is another word in lower case.
        if term.needsContext && Self.isCapitalised(term.text),
           text.unicodeScalars.contains(where: { $0.properties.isLowercase }) {
            w *= scoring.shortTermFactor
        }
        let latin = term.kind == .scientific || term.kind == .synonym
        if latin && Self.isShortLatinWord(term.text) { w *= scoring.shortTermFactor }
        // A genus or family name is written capitalised; in lower case it is usually another word
        // ("manis" is Malay for sweet, "pan" a frying pan).
        if term.kind == .scientific || term.kind == .synonym, !term.text.contains(" "),
           let first = text.first, first.isLetter, !first.isUppercase {
            w *= scoring.shortTermFactor
        }
        if inTitle { w = min(0.95, w * scoring.titleFactor) }
        return w
    }

    private func priority(flagged: Bool, score: Double, named: [(index: Int, ref: Verdict.TaxonRef)]) -> Priority {
        guard flagged else { return .low }
        guard !named.isEmpty else { return .medium }  // disguised goods, taxon unknown
        var best = named.map { index.taxa[$0.index].priority }.min() ?? .medium
        if named.contains(where: { $0.ref.appendix.includesAppendixI }) && score >= 0.75 { best = .critical }
        return best
    }

    static func explain(
        flagged: Bool, score: Double, best: Verdict.TaxonRef?, firstHit: (term: Int, text: String, field: String)?,
        index: TermIndex, fired: [Verdict.RuleRef], matches: [Verdict.TermMatch]
    ) -> String {
        guard let best, let firstHit else {
            if flagged {
                let reasons = fired.map { "\($0.title.lowercased()) (\"\($0.text)\")" }.joined(separator: ", ")
                return "Flagged (score \(score)): no watchlist taxon named, but \(reasons): possibly disguised wildlife goods; identify the species."
            }
            if let innocent = matches.first(where: \.suppressed) {
                let rule = fired.first { $0.weight == 0 }
                return "Cleared: \"\(innocent.text)\" is used innocently here" + (rule.map { " (\($0.title.lowercased()))" } ?? "") + "."
            }
            return nothingFound
        }
        let term = index.terms[firstHit.term]
        let taxonName = best.common.map { "\($0), \(best.name)" } ?? best.name
        let quoted = firstHit.text == term.text ? "\"\(firstHit.text)\"" : "\"\(firstHit.text)\" (\(term.text))"
        var sentence = "\(flagged ? "Flagged" : "Cleared") (score \(score)): \(quoted) in the \(firstHit.field) names "
            + "\(term.kind == .product ? "a product of " : term.kind == .codeWord ? "by code word " : "")\(taxonName), CITES Appendix \(best.appendix.rawValue)"
        let raised = fired.filter { $0.weight > 0 }.map { $0.title.lowercased() }
        let lowered = fired.filter { $0.weight < 0 }.map { $0.title.lowercased() }
        // A word shown in another order than stored (a bidi override) is named as shown.
        if let shown = matches.first(where: { $0.display != nil && !$0.suppressed }), let display = shown.display {
            sentence += "; \"\(shown.text)\" in the \(shown.field) reads \"\(shown.term)\": \(display)"
        }
        if !raised.isEmpty { sentence += "; raised by \(raised.joined(separator: ", "))" }
        if !lowered.isEmpty { sentence += "; lowered by \(lowered.joined(separator: ", "))" }
        return sentence + "."
    }

    /// Whether a term is a single Latin-script word of at most four letters (`Ara`, `Pan`).
    static func isShortLatinWord(_ text: String) -> Bool {
        text.count <= 4 && text.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }

    /// Whether a term is written in capitals and digits only, with at least one capital (`CAG`, `U2`).
    static func isCapitalised(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isUppercase }
            && text.unicodeScalars.allSatisfy { $0.properties.isUppercase || ("0"..."9").contains($0) }
    }

    /// The explanation of a listing with no watchlist term and no rule.
    static let nothingFound = "Cleared: no watchlist term found."

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

}

/// A field's original text, read once for all its matches: its UTF-8 bytes and, built on first
/// use, the code-point index of every byte offset.
struct OriginalText {
    let bytes: [UInt8]
    private var scalarIndex: [Int32] = []

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The text of a UTF-8 range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    /// Code-point offsets of a UTF-8 byte range.
    mutating func scalarOffsets(_ range: Range<Int>) -> (Int, Int) {
        if scalarIndex.isEmpty {
            scalarIndex.reserveCapacity(bytes.count + 1)
            var n: Int32 = 0
            scalarIndex.append(0)
            for b in bytes {
                if b & 0xC0 != 0x80 { n += 1 }
                scalarIndex.append(n)
            }
        }
        let r = range.clamped(to: 0..<bytes.count)
        // A byte range starts on a scalar boundary: the scalars before it are those started before.
        return (Int(scalarIndex[r.lowerBound]), Int(scalarIndex[r.upperBound]))
    }
}
