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
        for scan in scans {
            for (h, hit) in scan.hits.enumerated() {
                let suppressed = scan.suppressed.contains(h)
                let source = scan.normalized.sourceRange(of: hit.range)
                let text = Self.substring(scan.original, utf8: source)
                let (start, end) = Self.scalarOffsets(scan.original, utf8: source)
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
                        taxon: index.taxa[taxon].scientific, suppressed: suppressed))
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
        var taxa = missing.map { taxon, miss in
            let taxon = index.taxa[taxon]
            return Verdict.TaxonRef(id: taxon.id, name: taxon.scientific, common: taxon.names["en"]?.first,
                                    appendix: taxon.appendix, score: Self.round(1 - miss))
        }
        taxa.sort { ($0.appendix.rank, -$0.score, $0.name) < ($1.appendix.rank, -$1.score, $1.name) }
        let best = taxa.max { $0.score < $1.score }

        // Rules.
        var raise = 0.0, lower = 0.0
        var fired: [Verdict.RuleRef] = []
        var firedIDs: Set<Int> = []
        for scan in scans {
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
                                   text: Self.substring(scan.original, utf8: source)))
            }
        }

        var score = 0.0
        if best == nil && matches.isEmpty {
            // No taxon named: a disguised offer needs goods (evidence) and context together.
            let kinds = Set(fired.compactMap { ref in rules.rules.first { $0.id == ref.id }?.standalone })
            let total = fired.reduce(0) { $0 + $1.weight }
            if kinds.contains(.evidence) && kinds.contains(.context) {
                score = total
                for rule in fired { steps.append(.init(reason: "rule \(rule.id): \(rule.title)", delta: rule.weight)) }
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
                steps.append(.init(reason: "rule \(rule.id): \(rule.title)", delta: rule.weight))
            }
            let r = min(raise, scoring.maxRaise), l = min(lower, scoring.maxLower)
            if r < raise { steps.append(.init(reason: "raise rules capped at \(scoring.maxRaise)", delta: r - raise)) }
            if l < lower { steps.append(.init(reason: "lower rules capped at \(scoring.maxLower)", delta: lower - l)) }
            score += r - l
        }
        score = Self.round(min(1, max(0, score)))
        let flagged = score >= scoring.threshold
        let priority = self.priority(flagged: flagged, score: score, taxa: taxa)
        let explanation = Self.explain(
            flagged: flagged, score: score, best: best, firstHit: best.flatMap { b in
                index.taxa.firstIndex { $0.id == b.id }.flatMap { firstHit[$0] }
            }, index: index, fired: fired, matches: matches)
        return Verdict(id: listing.id, flagged: flagged, score: score, priority: priority, taxa: taxa,
                       matches: matches, rules: fired, explanation: explanation, steps: steps)
    }

    /// The evidence one occurrence of `term` gives.
    private func weight(of term: TermIndex.Term, writtenAs text: String, inTitle: Bool) -> Double {
        let kind = term.kind == .name && index.taxa[term.taxon].namesAreProducts ? .product : term.kind
        var w = scoring.kindWeight[kind] ?? 0.5
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

    private func priority(flagged: Bool, score: Double, taxa: [Verdict.TaxonRef]) -> Priority {
        guard flagged else { return .low }
        guard !taxa.isEmpty else { return .medium }  // disguised goods, taxon unknown
        let flaggedTaxa = taxa.filter { $0.score > 0 }
        var best = flaggedTaxa.compactMap { ref in index.taxa.first { $0.id == ref.id }?.priority }.min() ?? .medium
        if flaggedTaxa.contains(where: { $0.appendix.includesAppendixI }) && score >= 0.75 { best = .critical }
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
            return "Cleared: no watchlist term found."
        }
        let term = index.terms[firstHit.term]
        let taxonName = best.common.map { "\($0), \(best.name)" } ?? best.name
        let quoted = firstHit.text == term.text ? "\"\(firstHit.text)\"" : "\"\(firstHit.text)\" (\(term.text))"
        var sentence = "\(flagged ? "Flagged" : "Cleared") (score \(score)): \(quoted) in the \(firstHit.field) names "
            + "\(term.kind == .product ? "a product of " : term.kind == .codeWord ? "by code word " : "")\(taxonName), CITES Appendix \(best.appendix.rawValue)"
        let raised = fired.filter { $0.weight > 0 }.map { $0.title.lowercased() }
        let lowered = fired.filter { $0.weight < 0 }.map { $0.title.lowercased() }
        if !raised.isEmpty { sentence += "; raised by \(raised.joined(separator: ", "))" }
        if !lowered.isEmpty { sentence += "; lowered by \(lowered.joined(separator: ", "))" }
        return sentence + "."
    }

    /// Whether a term is a single Latin-script word of at most four letters (`Ara`, `Pan`).
    static func isShortLatinWord(_ text: String) -> Bool {
        text.count <= 4 && text.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }

    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    static func substring(_ text: String, utf8 range: Range<Int>) -> String {
        let utf8 = Array(text.utf8)
        return String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self)
    }

    /// Code-point offsets of a UTF-8 byte range.
    static func scalarOffsets(_ text: String, utf8 range: Range<Int>) -> (Int, Int) {
        var start = 0, end = 0, offset = 0, index = 0
        for scalar in text.unicodeScalars {
            if offset < range.lowerBound { start = index + 1 }
            if offset < range.upperBound { end = index + 1 }
            offset += UTF8.width(scalar)
            index += 1
        }
        return (min(start, end), end)
    }
}
