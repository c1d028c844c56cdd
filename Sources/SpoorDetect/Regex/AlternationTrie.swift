/// Rewrites alternations of plain words in a regular expression as tries, so that PCRE2, which
/// tries alternatives one after another, reads each character once: `(?:tiger|tigers|tusk)`
/// becomes `(?:t(?:iger(?:|s)|usk))`.
///
/// Only non-capturing groups whose alternatives are all plain words are rewritten: letters,
/// digits, spaces and other characters with no meaning in a pattern, where a character may be
/// made optional with `?` (`horns?`, `gall ?bladder`). The rewrite keeps PCRE2's leftmost-first
/// choice exactly: alternatives that start differently cannot match at the same place, and
/// where one alternative is a prefix of another the shorter is tried at its original turn (an
/// empty alternative in the trie). When that turn cannot be kept, the group is left as written.
/// Meant for patterns matched case-sensitively (a caseless pattern's `I` and `i` branches could
/// both match).
enum AlternationTrie {
    /// `pattern` with every rewritable group rewritten (the pattern itself when none is).
    static func optimize(_ pattern: String) -> String {
        let chars = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                out.append(c)
                if i + 1 < chars.count { out.append(chars[i + 1]) }
                i += 2
                continue
            }
            if c == "[" {
                // A character class is copied as it is.
                let end = classEnd(chars, from: i)
                out.append(contentsOf: chars[i..<end])
                i = end
                continue
            }
            if c == "(", i + 2 < chars.count, chars[i + 1] == "?", chars[i + 2] == ":",
               let close = plainGroupEnd(chars, from: i + 3),
               let trie = rewrite(Array(chars[(i + 3)..<close])) {
                out.append(contentsOf: "(?:\(trie))".unicodeScalars)
                i = close + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Characters with a meaning in a pattern.
    private static let special: Set<Unicode.Scalar> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    /// Where a character class starting at `start` ends (one past its `]`).
    private static func classEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        if i < chars.count, chars[i] == "^" { i += 1 }
        if i < chars.count, chars[i] == "]" { i += 1 }  // a leading ] is a literal
        while i < chars.count, chars[i] != "]" {
            i += chars[i] == "\\" ? 2 : 1
        }
        return min(i + 1, chars.count)
    }

    /// The index of the `)` closing a group whose content, from `start`, has no escapes,
    /// classes or groups; `nil` otherwise.
    private static func plainGroupEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < chars.count {
            switch chars[i] {
            case ")": return i
            case "(", "[", "\\", "{", "}", "*", "+", "^", "$", ".": return nil
            default: i += 1
            }
        }
        return nil
    }

    /// The trie for a group's content, or `nil` when an alternative is not a plain word or the
    /// order of alternatives cannot be kept.
    static func rewrite(_ content: [Unicode.Scalar]) -> String? {
        var words: [[Unicode.Scalar]] = []
        for alternative in content.split(separator: "|", omittingEmptySubsequences: false) {
            guard let expanded = expand(Array(alternative)) else { return nil }
            words.append(contentsOf: expanded)
        }
        guard words.count >= 2 else { return nil }
        let root = Node()
        for (index, word) in words.enumerated() { root.insert(word[...], index: index) }
        guard root.keepsOrder() else { return nil }
        var out: [Unicode.Scalar] = []
        root.emit(into: &out, grouped: false)
        return String(String.UnicodeScalarView(out))
    }

    /// The words an alternative stands for, in the order PCRE2 tries them: each `x?` first with
    /// its character, then without. `nil` for anything but plain characters and `?`.
    private static func expand(_ alternative: [Unicode.Scalar]) -> [[Unicode.Scalar]]? {
        // Most alternatives are one plain word.
        if !alternative.contains(where: { $0 == "?" || special.contains($0) }) { return [alternative] }
        var words: [[Unicode.Scalar]] = [[]]
        var i = 0
        while i < alternative.count {
            let c = alternative[i]
            if special.contains(c) { return nil }
            if i + 1 < alternative.count, alternative[i + 1] == "?" {
                if i + 2 < alternative.count, alternative[i + 2] == "?" || alternative[i + 2] == "+" { return nil }  // lazy or possessive
                words = words.flatMap { [$0 + [c], $0] }
                if words.count > 16 { return nil }
                i += 2
            } else {
                words = words.map { $0 + [c] }
                i += 1
            }
        }
        return words
    }

    /// A trie node: the alternatives ending here and the characters that continue them.
    private final class Node {
        /// Where an alternative ends here (the first, in the original order).
        var end: Int?
        /// Continuations in the order first seen.
        var children: [(Unicode.Scalar, Node)] = []
        /// The original indices of the alternatives in this subtree.
        var first = Int.max, last = Int.min

        func insert(_ word: ArraySlice<Unicode.Scalar>, index: Int) {
            first = min(first, index)
            last = max(last, index)
            guard let c = word.first else {
                if end == nil { end = index }
                return
            }
            if let child = children.first(where: { $0.0 == c })?.1 {
                child.insert(word.dropFirst(), index: index)
            } else {
                let child = Node()
                children.append((c, child))
                child.insert(word.dropFirst(), index: index)
            }
        }

        /// Whether every subtree below an ending lies wholly before or wholly after it in the
        /// original order, so trying it at one place keeps PCRE2's choice.
        func keepsOrder() -> Bool {
            if let end {
                for (_, child) in children where child.first < end && child.last > end { return false }
            }
            return children.allSatisfy { $0.1.keepsOrder() }
        }

        /// Appends the pattern for this subtree to `out`; several options are wrapped in a
        /// group unless the caller already has one. Written into one buffer: building a string
        /// per node was a tenth of the start-up of `spoor classify`.
        func emit(into out: inout [Unicode.Scalar], grouped: Bool = true) {
            var options: [(order: Int, next: (Unicode.Scalar, Node)?)] = children.map { ($0.1.first, $0) }
            if let end { options.append((end, nil)) }
            options.sort { $0.order < $1.order }
            let group = grouped && options.count > 1
            if group { out.append(contentsOf: ["(", "?", ":"]) }
            for (k, option) in options.enumerated() {
                if k > 0 { out.append("|") }
                if let (c, child) = option.next {
                    out.append(c)
                    child.emit(into: &out)
                }
            }
            if group { out.append(")") }
        }
    }
}
