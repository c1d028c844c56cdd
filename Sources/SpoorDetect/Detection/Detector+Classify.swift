import SpoorMatch

extension Detector {
    /// One field's analysis: its normalized form, term occurrences and rule matches.
    struct FieldScan {
        var name: String
        var original: String
        var normalized: NormalizedText
        var hits: [TermIndex.Hit]
        /// The rule literals found (indices into ``TermIndex/literals``).
        var foundLiterals: [Int]
        var suppressed: Set<Int>
        var fired: [(rule: Int, range: Range<Int>)]
    }

    /// Classifies one listing (at most ``maxFieldBytes`` of each field).
    public func classify(_ listing: Listing) -> Verdict {
        let title = Self.prefix(listing.title, maxBytes: maxFieldBytes)
        let description = Self.prefix(listing.description, maxBytes: maxFieldBytes)
        var verdict = classify(listing, title: title ?? listing.title, description: description ?? listing.description)
        if title != nil || description != nil {
            verdict.truncated = (title != nil ? ["title"] : []) + (description != nil ? ["description"] : [])
        }
        return verdict
    }

    /// The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that ends on a character
    /// boundary (on a scalar boundary when one character is longer than that), or `nil` when
    /// `text` fits.
    static func prefix(_ text: String, maxBytes: Int) -> String? {
        let utf8 = text.utf8
        guard utf8.count > maxBytes else { return nil }
        guard maxBytes > 0 else { return "" }
        var cut = utf8.index(utf8.startIndex, offsetBy: maxBytes)
        // Back to the start of a scalar (never inside its UTF-8 sequence)...
        while cut > utf8.startIndex && UTF8.isContinuation(utf8[cut]) { cut = utf8.index(before: cut) }
        // ...and of the character it is in: the last one of the prefix, if the text goes on
        // with more of it (a base letter's combining marks, an emoji sequence).
        // (The index is made afresh from its offset: one from the prefix remembers the length of
        // its character there, which stops at the cut.)
        if let inPrefix = text[..<cut].indices.last, inPrefix > text.startIndex {
            let last = utf8.index(utf8.startIndex, offsetBy: utf8.distance(from: utf8.startIndex, to: inPrefix))
            if text.index(after: last) > cut { cut = last }
        }
        return String(text[..<cut])
    }

    private func classify(_ listing: Listing, title: String, description: String) -> Verdict {
        // The listing's searchableFields, without building that array of tuples first.
        var scans = [scan(field: "title", text: title), scan(field: "description", text: description)]
        // A raise or lower rule counts once per listing, so once it fired it is not run again.
        // Every rule matters for a listing that names a taxon; otherwise only disguised goods do.
        if scans.contains(where: { !$0.hits.isEmpty }) {
            var fired = [Bool](repeating: false, count: rules.rules.count)
            for i in scans.indices { applyRules(&scans[i], only: nil, fired: &fired) }
            propagateInnocentSense(&scans)
        } else if !standaloneRules.isEmpty {
            checkDisguisedGoods(&scans)
        }
        // Most listings name nothing and fire nothing: their verdict needs no scoring.
        if scoring.threshold > 0, scans.allSatisfy({ $0.hits.isEmpty && $0.fired.isEmpty }) {
            return Verdict(id: listing.id, flagged: false, score: 0, priority: .low, taxa: [], matches: [], rules: [],
                           explanation: Self.nothingFound, steps: [])
        }
        return score(listing: listing, scans: scans)
    }

    private func scan(field: String, text: String) -> FieldScan {
        let normalized = index.normalizer.normalize(text)
        let found = index.search(normalized)
        return FieldScan(name: field, original: text, normalized: normalized, hits: found.terms,
                         foundLiterals: found.foundLiterals, suppressed: [], fired: [])
    }

    /// For a listing that names no taxon: whether it offers disguised goods, which takes a rule
    /// that names goods (evidence) and one that makes them an offer (context) reaching the
    /// threshold together. Rules run only while that is still possible: most listings stop at
    /// their literals, the (cheaper) context rules run next, the evidence rules last. Context
    /// without evidence is not reported.
    private func checkDisguisedGoods(_ scans: inout [FieldScan]) {
        let (evidence, context) = reachable(scans)
        guard evidence > 0, context > 0, evidence + context + 1e-9 >= scoring.threshold else { return }
        var fired = [Bool](repeating: false, count: rules.rules.count)
        for i in scans.indices { applyRules(&scans[i], only: .context, fired: &fired) }
        let firedContext = standaloneRules.reduce(0.0) { total, r in
            fired[r] && rules.rules[r].standalone == .context ? total + rules.rules[r].weight : total
        }
        if firedContext > 0 && firedContext + evidence + 1e-9 >= scoring.threshold {
            for i in scans.indices { applyRules(&scans[i], only: .evidence, fired: &fired) }
        }
        let firedEvidence = standaloneRules.contains { fired[$0] && rules.rules[$0].standalone == .evidence }
        for i in scans.indices {
            // Reported goods first, then what makes them an offer.
            let goods = scans[i].fired.filter { rules.rules[$0.rule].standalone == .evidence }
            scans[i].fired = firedEvidence ? goods + scans[i].fired.filter { rules.rules[$0.rule].standalone != .evidence } : []
        }
    }

    /// The most the standalone evidence and context rules could add: the weights of the raise
    /// rules whose literals occur.
    private func reachable(_ scans: [FieldScan]) -> (evidence: Double, context: Double) {
        // Walk the literals found (few) rather than every rule's literals (hundreds).
        let words = reachWords
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { reached in
            for w in 0..<words { reached[w] = standaloneReach.always[w] }
            for scan in scans {
                for literal in scan.foundLiterals {
                    for w in 0..<words { reached[w] |= standaloneReach.byLiteral[literal * words + w] }
                }
            }
            var evidence = 0.0, context = 0.0
            for w in 0..<words {
                var bits = reached[w]
                while bits != 0 {
                    let rule = standaloneRaise[w * 64 + bits.trailingZeroBitCount]
                    bits &= bits - 1
                    if rule.evidence { evidence += rule.weight } else { context += rule.weight }
                }
            }
            return (evidence, context)
        }
    }

    /// A word used innocently once in a listing ("Colour: ivory" in the title) is used the same
    /// way wherever else it appears there ("ivory is a soft warm white"): its other occurrences
    /// are masked too.
    private func propagateInnocentSense(_ scans: inout [FieldScan]) {
        // A word counts as innocent when, in a field where it was masked, every occurrence was
        // masked ("real leopard, not leopard print" keeps its real leopard).
        var innocent: Set<[Int]> = []
        for scan in scans {
            var masked: Set<[Int]> = [], kept: Set<[Int]> = []
            for (h, hit) in scan.hits.enumerated() {
                if scan.suppressed.contains(h) { masked.insert(hit.terms) } else { kept.insert(hit.terms) }
            }
            innocent.formUnion(masked.subtracting(kept))
        }
        guard !innocent.isEmpty else { return }
        for i in scans.indices {
            for (h, hit) in scans[i].hits.enumerated() where innocent.contains(hit.terms) {
                scans[i].suppressed.insert(h)
            }
        }
    }

    /// Runs the rules (or only those of one standalone kind) on one field. Suppress rules run
    /// on fields with terms to mask; raise and lower rules that already fired are skipped.
    private func applyRules(_ scan: inout FieldScan, only kind: Rule.Standalone?, fired: inout [Bool]) {
        let text = scan.original, normalized = scan.normalized
        let fieldBit = Self.fieldBit(scan.name)
        // The closures below capture this, not `self`: capturing the detector copies it (and
        // retains everything it holds) once per rule and field.
        let negation = rules
        var bytes = FieldBytes(normalized: normalized.bytes, original: text)
        let admitted = gating.admitted(byLiterals: scan.foundLiterals)
        let scratch = PCRE2Regex.MatchScratch()
        for (r, facts) in ruleFacts.enumerated() where facts.fields & fieldBit != 0 {
            if let kind, facts.standalone != kind { continue }
            if facts.effect == .suppress ? scan.hits.isEmpty : fired[r] { continue }
            guard gating.allows(r, admitted: admitted, bytes: &bytes) else { continue }
            let rule = rules.rules[r]
            // A suppress rule masks every term it overlaps; any other rule counts once, so its
            // scan stops at the first match that is not negated.
            let accepted = { (range: Range<Int>) -> Bool in
                !(rule.negatable && (negation.isNegated(range, in: normalized.bytes) || Self.isQuoted(range, in: normalized, text)))
            }
            let all = rule.effect == .suppress
            var ranges: [Range<Int>]
            do {
                switch rule.target {
                case .normalized:
                    ranges = try all ? rule.regex.allMatches(in: normalized.bytes, scratch: scratch)
                        : rule.regex.matches(in: normalized.bytes, until: accepted, scratch: scratch)
                case .original:
                    // Map matches in the original back onto normalized bytes for overlap tests.
                    let mapped = { (range: Range<Int>) in normalized.normalizedRange(covering: range) }
                    ranges = try (all ? rule.regex.allMatches(in: text, scratch: scratch)
                        : rule.regex.matches(in: text, until: { accepted(mapped($0)) }, scratch: scratch)).map(mapped)
                }
            } catch {
                // A text that exhausts a rule's match limit must not hide an offer: a raise rule
                // that could not finish counts as fired; the others are left out.
                guard rule.effect == .raise else { continue }
                ranges = [0..<0]
            }
            for range in ranges where !range.isEmpty || rule.effect != .suppress {
                if !accepted(range) { continue }
                if rule.effect == .suppress {
                    // A mask counts only where it masks a term.
                    var masked = false
                    for (h, hit) in scan.hits.enumerated() where hit.range.overlaps(range) {
                        scan.suppressed.insert(h)
                        masked = true
                    }
                    if !masked { continue }
                }
                scan.fired.append((r, range))
                if rule.effect != .suppress { fired[r] = true }
            }
        }
    }

    /// Whether the seller put the words of a normalized range in quotes ('buffalo horn', "faux"):
    /// a quoted denial is a cover name, not a denial. The opening quote must open (start of text,
    /// space or bracket before it) and a closing one must follow within a few words.
    private static func isQuoted(_ range: Range<Int>, in normalized: NormalizedText, _ original: String) -> Bool {
        guard !range.isEmpty else { return false }
        let source = normalized.sourceRange(of: range)
        var text = original
        return text.withUTF8 { utf8 -> Bool in
            func scalar(at i: Int) -> Unicode.Scalar? {
                String(decoding: utf8[i..<min(utf8.count, i + 4)], as: UTF8.self).unicodeScalars.first
            }
            func isQuote(_ s: Unicode.Scalar?) -> Bool { s.map { "'\"‘’“”«»「」『』".unicodeScalars.contains($0) } ?? false }
            var i = source.lowerBound - 1
            while i >= 0 && utf8[i] == 0x20 { i -= 1 }
            guard i >= 0 else { return false }
            while i > 0 && utf8[i] & 0xC0 == 0x80 { i -= 1 }
            guard isQuote(scalar(at: i)) else { return false }
            if i > 0 && !" \t\n([{".utf8.contains(utf8[i - 1]) { return false }
            var j = source.upperBound
            while j < min(utf8.count, source.upperBound + 40) {
                let s = scalar(at: j)
                if isQuote(s) {
                    let after = j + (s.map { UTF8.width($0) } ?? 1)
                    return after >= utf8.count || " \t\n.,!?;:)]}–-".utf8.contains(utf8[after])
                }
                if let s, ".!?,;:()\n".unicodeScalars.contains(s) { return false }
                j += s.map { UTF8.width($0) } ?? 1
            }
            return false
        }
    }

}
