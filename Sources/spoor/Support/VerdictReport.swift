import Foundation
import SpoorDetect

/// The readable breakdown `--explain` prints for one verdict.
struct VerdictReport {
    let verdict: Verdict
    let listing: Listing

    var text: String {
        var lines: [String] = []
        let mark = verdict.flagged ? "FLAG" : "clear"
        lines.append("[\(mark)] \(verdict.id)  score \(verdict.score)  priority \(verdict.priority.rawValue)")
        lines.append("  title: \(listing.title)")
        for match in verdict.matches {
            let state = (match.suppressed ? " (innocent use)" : "") + (match.display.map { " (\($0))" } ?? "")
            lines.append("  match: \(match.field)[\(match.start)..<\(match.end)] \"\(match.text)\" = \(match.kind.rawValue) \"\(match.term)\" → \(match.taxon)\(state)")
        }
        let quoted = Dictionary(verdict.rules.map { ($0.id, " — \($0.field) \"\($0.text)\"") }, uniquingKeysWith: { a, _ in a })
        for step in verdict.steps {
            let sign = step.delta >= 0 ? "+" : "−"
            lines.append("  \(sign)\(String(format: "%.2f", abs(step.delta)))  \(step.reason)\(step.rule.flatMap { quoted[$0] } ?? "")")
        }
        for rule in verdict.rules where rule.weight == 0 {
            lines.append("  mask   rule \(rule.id): \(rule.title) — \(rule.field) \"\(rule.text)\"")
        }
        if let truncated = verdict.truncated {
            lines.append("  truncated: \(truncated.joined(separator: ", ")) longer than the field limit (--max-field-kib); only its beginning was classified")
        }
        lines.append("  → \(verdict.explanation)")
        return lines.joined(separator: "\n") + "\n"
    }
}
