import Foundation
import SpoorMatch

/// What one rule cost over a set of listings, for rule authors (`spoor rules profile`).
public struct RuleProfile: Sendable, Hashable {
    /// The rule's id.
    public var id: String
    /// Fields the rule's pattern ran on (its literal gate passed).
    public var runs = 0
    /// Fields where the pattern matched at least once.
    public var matched = 0
    /// Fields whose literals (or derived gate) kept the pattern from running.
    public var skipped = 0
    /// Fields where the pattern hit its match or depth limit.
    public var limitErrors = 0
    /// Time spent in the pattern, in seconds.
    public var seconds = 0.0

    /// Microseconds per run.
    public var microsecondsPerRun: Double { runs == 0 ? 0 : seconds / Double(runs) * 1e6 }
}

extension Detector {
    /// Times every rule's pattern on every field of `listings` it would be asked to look at.
    ///
    /// Gating is the detector's own: a rule runs on a field it covers when one of its literals
    /// occurs there, or its derived gate lets it (or it has neither); suppress rules only on fields with a watchlist term, and
    /// on a listing without one only the standalone rules. Suppress patterns run to their last
    /// match, the others stop at their first, as in classification (which also skips a rule
    /// that already fired in another field, so the figures are a slight upper bound).
    public func profileRules(_ listings: some Sequence<Listing>) -> [RuleProfile] {
        var profiles = rules.rules.map { RuleProfile(id: $0.id) }
        let clock = ContinuousClock()
        for listing in listings {
            let fields = listing.searchableFields.map { field in
                let normalized = index.normalizer.normalize(field.text)
                return (name: field.name, text: field.text, normalized: normalized, found: index.search(normalized))
            }
            let namesTaxon = fields.contains { !$0.found.terms.isEmpty }
            for field in fields {
                var bytes = FieldBytes(normalized: field.normalized.bytes, original: field.text)
                let admitted = gating.admitted(byLiterals: field.found.foundLiterals)
                for (r, rule) in rules.rules.enumerated() where rule.fields.contains(field.name) {
                    if !namesTaxon && rule.standalone == .no { continue }
                    if rule.effect == .suppress && field.found.terms.isEmpty { continue }
                    if !gating.allows(r, admitted: admitted, bytes: &bytes) {
                        profiles[r].skipped += 1
                        continue
                    }
                    let start = clock.now
                    var found = false
                    do {
                        // Suppress rules need every match; the others stop at the first.
                        let all = rule.effect == .suppress
                        switch rule.target {
                        case .normalized:
                            found = try all ? !rule.regex.allMatches(in: field.normalized.bytes).isEmpty
                                : rule.regex.firstMatch(in: field.normalized.bytes) != nil
                        case .original:
                            found = try all ? !rule.regex.allMatches(in: field.text).isEmpty : rule.regex.firstMatch(in: field.text) != nil
                        }
                    } catch {
                        profiles[r].limitErrors += 1
                    }
                    let elapsed = clock.now - start
                    profiles[r].seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    profiles[r].runs += 1
                    if found { profiles[r].matched += 1 }
                }
            }
        }
        return profiles
    }
}
