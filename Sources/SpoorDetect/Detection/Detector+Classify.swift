import SpoorMatch

extension Detector {
    /// One field's analysis: its normalized form, term occurrences and rule matches.
    struct FieldScan {
        var name: String
        var original: String
        var normalized: NormalizedText
        var hits: [TermIndex.Hit]
        var literals: [Bool]
        var suppressed: Set<Int>
        var fired: [(rule: Int, range: Range<Int>)]
    }

    /// Classifies one listing.
    public func classify(_ listing: Listing) -> Verdict {
        var scans = listing.searchableFields.map { scan(field: $0.name, text: $0.text) }
        // Rules only matter for a listing that names a watchlist taxon somewhere.
        if scans.contains(where: { !$0.hits.isEmpty }) {
            for i in scans.indices { applyRules(&scans[i], only: nil) }
            propagateInnocentSense(&scans)
        } else if hasStandaloneRules {
            // No taxon named (most listings): rules that name goods run first, and only if one
            // fired do the context rules that make them a disguised offer.
            for i in scans.indices { applyRules(&scans[i], only: .evidence) }
            if scans.contains(where: { !$0.fired.isEmpty }) {
                for i in scans.indices { applyRules(&scans[i], only: .context) }
            }
        }
        return score(listing: listing, scans: scans)
    }

    private func scan(field: String, text: String) -> FieldScan {
        let normalized = index.normalizer.normalize(text)
        let found = index.search(normalized)
        return FieldScan(name: field, original: text, normalized: normalized, hits: found.terms,
                         literals: found.literals, suppressed: [], fired: [])
    }

    /// A word used innocently once in a listing ("Colour: ivory" in the title) is used the same
    /// way wherever else it appears there ("ivory is a soft warm white"): its other occurrences
    /// are masked too.
    private func propagateInnocentSense(_ scans: inout [FieldScan]) {
        var innocent: Set<[Int]> = []
        for scan in scans {
            for h in scan.suppressed { innocent.insert(scan.hits[h].terms) }
        }
        guard !innocent.isEmpty else { return }
        for i in scans.indices {
            for (h, hit) in scans[i].hits.enumerated() where innocent.contains(hit.terms) {
                scans[i].suppressed.insert(h)
            }
        }
    }

    /// Runs the rules (or only those of one standalone kind) on one field.
    private func applyRules(_ scan: inout FieldScan, only kind: Rule.Standalone?) {
        let field = scan.name, text = scan.original, normalized = scan.normalized
        for (r, rule) in rules.rules.enumerated() where rule.fields.contains(field) {
            if let kind, rule.standalone != kind { continue }
            if !rule.literals.isEmpty {
                guard ruleLiterals[r].contains(where: { scan.literals[$0] }) else { continue }
            }
            let ranges: [Range<Int>]
            switch rule.target {
            case .normalized:
                ranges = (try? rule.regex.allMatches(in: normalized.bytes)) ?? []
            case .original:
                // Map matches in the original back onto normalized bytes for overlap tests.
                let original = (try? rule.regex.allMatches(in: text)) ?? []
                ranges = original.map { normalizedRange(covering: $0, in: normalized) }
            }
            for range in ranges where !range.isEmpty || rule.effect != .suppress {
                if rule.negatable && (rules.isNegated(range, in: normalized.bytes) || isQuoted(range, in: normalized, text)) { continue }
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
            }
        }
    }

    /// Whether the seller put the words of a normalized range in quotes ('buffalo horn', "faux"):
    /// a quoted denial is a cover name, not a denial.
    private func isQuoted(_ range: Range<Int>, in normalized: NormalizedText, _ original: String) -> Bool {
        guard !range.isEmpty else { return false }
        let source = normalized.sourceRange(of: range)
        let utf8 = Array(original.utf8)
        func isQuote(_ scalar: Unicode.Scalar) -> Bool { "'\"‘’“”«»「」『』".unicodeScalars.contains(scalar) }
        // The nearest non-space character before and after the words.
        var before = source.lowerBound - 1
        while before >= 0 && (utf8[before] == 0x20 || utf8[before] & 0xC0 == 0x80) { before -= 1 }
        let open = before >= 0 ? String(decoding: utf8[before..<min(utf8.count, before + 4)], as: UTF8.self).unicodeScalars.first : nil
        guard open.map(isQuote) == true else { return false }
        // The quote closes within a few words, before the sentence ends.
        let rest = String(decoding: utf8[source.upperBound..<min(utf8.count, source.upperBound + 40)], as: UTF8.self)
        for scalar in rest.unicodeScalars {
            if isQuote(scalar) { return true }
            if ".!?,;:()\n".unicodeScalars.contains(scalar) { return false }
        }
        return false
    }

    /// The normalized bytes whose sources lie inside an original UTF-8 range.
    private func normalizedRange(covering original: Range<Int>, in text: NormalizedText) -> Range<Int> {
        var lo = text.bytes.count, hi = 0
        for k in text.bytes.indices where Int(text.sourceStart[k]) >= original.lowerBound && Int(text.sourceEnd[k]) <= original.upperBound {
            lo = min(lo, k)
            hi = max(hi, k + 1)
        }
        return lo < hi ? lo..<hi : 0..<0
    }
}
