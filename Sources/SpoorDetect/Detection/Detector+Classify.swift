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
            for i in scans.indices { applyRules(&scans[i]) }
        }
        return score(listing: listing, scans: scans)
    }

    private func scan(field: String, text: String) -> FieldScan {
        let normalized = index.normalizer.normalize(text)
        let found = index.search(normalized)
        return FieldScan(name: field, original: text, normalized: normalized, hits: found.terms,
                         literals: found.literals, suppressed: [], fired: [])
    }

    private func applyRules(_ scan: inout FieldScan) {
        let field = scan.name, text = scan.original, normalized = scan.normalized
        for (r, rule) in rules.rules.enumerated() where rule.fields.contains(field) {
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
                if rule.negatable && rules.isNegated(range, in: normalized.bytes) { continue }
                scan.fired.append((r, range))
                if rule.effect == .suppress {
                    for (h, hit) in scan.hits.enumerated() where hit.range.overlaps(range) { scan.suppressed.insert(h) }
                }
            }
        }
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
