/// What every match of a regular expression must contain, worked out from the pattern: the
/// strings one of which occurs in any text the pattern matches.
///
/// This is the prefilter that lets a rule without hand-written literals skip the texts it cannot
/// match, the way RE2 and Hyperscan find "required factors". The analysis is conservative: it
/// understands literal characters, escapes, small character classes, groups, alternation,
/// quantifiers, `\b` and lookarounds, and gives up (`nil`) on anything else, so a derived gate
/// never lets a rule skip a text it would match. Patterns are compiled with `PCRE2_UCP`, so
/// `\d`, `\w` and `\s` also match non-ASCII characters: such a class requires "an ASCII member
/// or one of these non-ASCII characters", kept as the lead bytes of their UTF-8 (``leads``).
struct RequiredFactors: Hashable, Sendable {
    /// One required string, and whether the pattern puts a word boundary right before it.
    struct Factor: Hashable, Sendable {
        /// The UTF-8 bytes.
        var bytes: [UInt8]
        /// Whether the pattern puts `\b` right before it and it starts with a word character: it
        /// then counts only where such a boundary could hold (``WordScan/mayStartWord(at:in:)``).
        var afterBoundary: Bool
    }

    /// The strings; any match contains one of them.
    var factors: Set<Factor>
    /// Whether a non-ASCII character may stand in for them.
    /// Lead bytes of the non-ASCII characters that may stand in for them (Unicode digits for
    /// `\d`, Unicode spaces for `\s`): a text without one of these bytes has none of them.
    var leads: ByteSet

    /// The required factors of `pattern`, or `nil` when nothing is required that the analysis
    /// can see (the pattern can match the empty string, or uses syntax it does not model).
    static func of(_ pattern: String, caseless: Bool) -> RequiredFactors? {
        var parser = Parser(chars: Array(pattern.unicodeScalars), caseless: caseless)
        guard let info = parser.parseAlternation(), parser.i == parser.chars.count else { return nil }
        guard let required = info.required, !required.factors.contains(where: \.bytes.isEmpty) else { return nil }
        return required.factors.isEmpty && required.leads.isEmpty ? nil : required
    }

    /// How selective the factors are: the shortest string's length (a word start counts one
    /// byte more), lower when a non-ASCII character stands in.
    var quality: Int {
        let shortest = factors.map { $0.bytes.count + ($0.afterBoundary ? 1 : 0) }.min() ?? 1
        return leads.isEmpty ? shortest : min(shortest, 1)
    }

    func union(_ other: RequiredFactors) -> RequiredFactors {
        RequiredFactors(factors: factors.union(other.factors), leads: leads.union(other.leads))
    }

    /// Whether these factors gate better than `other`: longer shortest strings, then fewer.
    func isBetter(than other: RequiredFactors) -> Bool {
        (quality, -factors.count) > (other.quality, -other.factors.count)
    }
}

extension RequiredFactors {
    /// What the analysis knows about a piece of a pattern.
    fileprivate struct Info {
        /// Every string the piece can match, when there are few (`nil`: too many or unknown).
        var exact: Set<[UInt8]>?
        /// What any match of the piece contains (`nil`: nothing known).
        var required: RequiredFactors?
        /// A zero-width assertion (lookaround, anchor, `\B`); matches no characters.
        var zeroWidth = false
        /// The `\b` assertion.
        var wordBoundary = false

        static func exactly(_ strings: Set<[UInt8]>) -> Info {
            Info(exact: strings, required: strings.contains([]) ? nil
                 : RequiredFactors(factors: Set(strings.map { Factor(bytes: $0, afterBoundary: false) }), leads: ByteSet()))
        }
        static let zero = Info(exact: [[]], required: nil, zeroWidth: true)
        static let unknown = Info(exact: nil, required: nil)
    }

    /// The most strings an exact set may hold before it is given up.
    fileprivate static let maxExact = 512

    fileprivate static func cross(_ a: Set<[UInt8]>, _ b: Set<[UInt8]>) -> Set<[UInt8]>? {
        guard a.count * b.count <= maxExact else { return nil }
        var out = Set<[UInt8]>()
        for x in a { for y in b { out.insert(x + y) } }
        return out
    }

    fileprivate struct Parser {
        let chars: [Unicode.Scalar]
        let caseless: Bool
        var i = 0

        init(chars: [Unicode.Scalar], caseless: Bool) {
            self.chars = chars
            self.caseless = caseless
        }

        var atEnd: Bool { i >= chars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : chars[i] }

        /// alternation := concat ('|' concat)*
        mutating func parseAlternation() -> Info? {
            var branches: [Info] = []
            while true {
                guard let branch = parseConcat() else { return nil }
                branches.append(branch)
                if peek == "|" { i += 1; continue }
                break
            }
            if branches.count == 1 { return branches[0] }
            var exact: Set<[UInt8]>? = []
            var required: RequiredFactors? = RequiredFactors(factors: [], leads: ByteSet())
            for branch in branches {
                if let e = branch.exact, let so = exact, so.count + e.count <= RequiredFactors.maxExact { exact = so.union(e) } else { exact = nil }
                if let r = branch.required, let so = required { required = so.union(r) } else { required = nil }
            }
            return Info(exact: exact, required: required)
        }

        /// concat := (atom quantifier?)*
        mutating func parseConcat() -> Info? {
            var allExact: Set<[UInt8]>? = [[]]
            var run: Set<[UInt8]> = [[]]
            var runAfterBoundary = false
            var best: RequiredFactors?
            func consider(_ candidate: RequiredFactors?) {
                guard let candidate, !candidate.factors.contains(where: \.bytes.isEmpty) else { return }
                if best == nil || candidate.isBetter(than: best!) { best = candidate }
            }
            func closeRun() {
                if !run.contains([]) {
                    consider(RequiredFactors(factors: Set(run.map {
                        Factor(bytes: $0, afterBoundary: runAfterBoundary && Self.isWordStartByte($0[0]))
                    }), leads: ByteSet()))
                }
                run = [[]]
                runAfterBoundary = false
            }
            while let c = peek, c != "|", c != ")" {
                guard let atom = parseAtom() else { return nil }
                guard let (item, repeated) = parseQuantifier(atom) else { return nil }
                if let e = item.exact, let so = allExact { allExact = RequiredFactors.cross(so, e) } else { allExact = nil }
                if item.wordBoundary && run == [[]] {
                    runAfterBoundary = true
                    continue
                }
                if item.zeroWidth { continue }
                if let e = item.exact, !repeated {
                    if let joined = RequiredFactors.cross(run, e) {
                        run = joined
                    } else {
                        closeRun()
                        run = e
                    }
                    continue
                }
                if let e = item.exact, repeated {
                    // X+ is X X*: X ends the run, the repeats break it.
                    if let joined = RequiredFactors.cross(run, e) { run = joined } else { closeRun(); run = e }
                    closeRun()
                    continue
                }
                closeRun()
                consider(item.required)
            }
            closeRun()
            var info = Info(exact: allExact, required: best)
            if let e = allExact, best == nil { info = .exactly(e) }
            return info
        }

        /// Reads a quantifier after `atom`, if any; `repeated` tells a `+`-like repeat of an
        /// exact atom (its exact set stands for one copy).
        mutating func parseQuantifier(_ atom: Info) -> (Info, repeated: Bool)? {
            guard let c = peek else { return (atom, false) }
            var low = 1, high: Int? = 1
            switch c {
            case "?": low = 0; high = 1; i += 1
            case "*": low = 0; high = nil; i += 1
            case "+": low = 1; high = nil; i += 1
            case "{":
                // A '{' that is not `{n}`, `{n,}` or `{n,m}`: PCRE2 10.43 reads `{,m}` and spaces
                // where 10.42 reads literal text, so give up rather than guess the version.
                guard let (l, h) = parseBraces() else { return nil }
                low = l; high = h
            default: return (atom, false)
            }
            if peek == "?" || peek == "+" { i += 1 }  // lazy or possessive: same strings
            if atom.zeroWidth { return (atom, false) }
            if low == 0 {
                if high == 1, let e = atom.exact, e.count < RequiredFactors.maxExact { return (.exactly(e.union([[]])), false) }
                return (.unknown, false)
            }
            if low == 1 && high == 1 { return (atom, false) }
            if let e = atom.exact, high == low {
                var out: Set<[UInt8]>? = [[]]
                for _ in 0..<low { out = out.flatMap { RequiredFactors.cross($0, e) } }
                if let out { return (.exactly(out), false) }
            }
            if atom.exact != nil { return (atom, true) }
            return (Info(exact: nil, required: atom.required), false)
        }

        /// `{n}`, `{n,}` or `{n,m}` at `i`; otherwise `nil` and `i` unchanged.
        mutating func parseBraces() -> (Int, Int?)? {
            var j = i + 1
            func number() -> Int? {
                var n: Int?
                while j < chars.count, let d = chars[j].properties.numericType == .decimal ? Int(String(chars[j])) : nil, chars[j].isASCII {
                    n = (n ?? 0) * 10 + d
                    if n! > 65_535 { return nil }  // PCRE2's own limit; also no overflow
                    j += 1
                }
                return n
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if j < chars.count, chars[j] == "," {
                j += 1
                high = number()
            }
            guard j < chars.count, chars[j] == "}" else { return nil }
            i = j + 1
            return (low, high)
        }

        mutating func parseAtom() -> Info? {
            let c = chars[i]
            i += 1
            switch c {
            case "(":
                var lookaround = false
                if peek == "?" {
                    guard i + 1 < chars.count else { return nil }
                    let k = chars[i + 1]
                    if k == ":" || k == ">" { i += 2 }
                    else if k == "=" || k == "!" { i += 2; lookaround = true }
                    else if k == "<", i + 2 < chars.count, chars[i + 2] == "=" || chars[i + 2] == "!" { i += 3; lookaround = true }
                    else if k == "<" || k == "'" || (k == "P" && i + 2 < chars.count && chars[i + 2] == "<") {
                        // A named group, (?<name>, (?'name' or (?P<name>: skip its name.
                        // (?P>name) and (?P=name) call or repeat a group: given up below.
                        let close: Unicode.Scalar = k == "'" ? "'" : ">"
                        i += k == "P" ? 3 : 2
                        while let p = peek, p != close { i += 1 }
                        guard !atEnd else { return nil }
                        i += 1
                    } else {
                        return nil  // inline options, conditionals, comments, recursion
                    }
                }
                guard let inner = parseAlternation(), peek == ")" else { return nil }
                i += 1
                return lookaround ? .zero : inner
            case ")", "|": return nil
            case "^", "$": return .zero
            case ".": return .unknown
            case "[": return parseClass()
            case "\\": return parseEscape()
            case "*", "+", "?", "{": return nil
            default: return literal(c)
            }
        }

        /// One literal character, caseless where the pattern is.
        func literal(_ c: Unicode.Scalar) -> Info {
            let bytes = Array(String(c).utf8)
            guard caseless, c.properties.changesWhenCaseMapped else { return .exactly([bytes]) }
            // Caseless UCP matching also pairs ASCII letters with non-ASCII ones (k with the
            // Kelvin sign, s with long s), so only "one of the two cases, or such a character" holds.
            // A non-ASCII letter may pair with an ASCII one (the Kelvin sign with k): nothing known.
            guard c.isASCII else { return .unknown }
            let both: Set<[UInt8]> = [Array(String(c).lowercased().utf8), Array(String(c).uppercased().utf8)]
            return Info(exact: nil, required: RequiredFactors(factors: Set(both.map { Factor(bytes: $0, afterBoundary: false) }), leads: UnicodeLeads.asciiLetterPartners))
        }

        /// A class of ASCII members or non-ASCII characters whose UTF-8 starts with one of `leads`.
        static func asciiClass(_ members: some Sequence<UInt8>, leads: ByteSet) -> Info {
            Info(exact: nil, required: RequiredFactors(factors: Set(members.map { Factor(bytes: [$0], afterBoundary: false) }), leads: leads))
        }

        mutating func parseEscape() -> Info? {
            guard let c = peek else { return nil }
            i += 1
            switch c {
            case "b": return Info(exact: [[]], required: nil, zeroWidth: true, wordBoundary: true)
            case "B", "A", "z", "Z", "G": return .zero
            case "d": return Self.asciiClass(0x30...0x39, leads: UnicodeLeads.digits)
            case "w": return Self.asciiClass(Array(0x30...0x39) + Array(0x41...0x5A) + Array(0x61...0x7A) + [0x5F], leads: UnicodeLeads.all)
            case "s": return Self.asciiClass([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D], leads: UnicodeLeads.spaces)
            case "n": return literal("\n")
            case "t": return literal("\t")
            case "r": return literal("\r")
            case "D", "W", "S", "h", "H", "v", "V", "R", "N", "X", "p", "P", "x", "Q", "E", "K", "g", "k", "c", "o", "e", "f", "a":
                return nil
            default:
                if c.properties.numericType != nil { return nil }  // backreference or octal
                if c.isASCII && (c.properties.isAlphabetic) { return nil }
                return literal(c)  // an escaped punctuation character
            }
        }

        /// `[...]`: the exact set of a small positive class of literal characters and ranges.
        mutating func parseClass() -> Info? {
            var members: [Unicode.Scalar] = []
            var classes: [Info] = []
            // A member the analysis cannot enumerate (\S, \p{L}): the class still parses, unknown.
            var unknownMember = false
            if peek == "^" {
                // A negated class: skip it, nothing is known.
                i += 1
                if peek == "]" { i += 1 }
                while let c = peek, c != "]" {
                    if c == "[" { return nil }  // a POSIX class inside: its ']' is not the end
                    i += c == "\\" ? 2 : 1
                }
                guard !atEnd else { return nil }
                i += 1
                return .unknown
            }
            var first = true
            while let c = peek, c != "]" || first {
                first = false
                i += 1
                var member = c
                if c == "[" && peek == ":" { return nil }  // POSIX classes
                if c == "\\" {
                    guard let e = peek else { return nil }
                    i += 1
                    switch e {
                    case "d": classes.append(Self.asciiClass(0x30...0x39, leads: UnicodeLeads.digits)); continue
                    case "s": classes.append(Self.asciiClass([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D], leads: UnicodeLeads.spaces)); continue
                    case "w": classes.append(Self.asciiClass(Array(0x30...0x39) + Array(0x41...0x5A) + Array(0x61...0x7A) + [0x5F], leads: UnicodeLeads.all)); continue
                    case "n": member = "\n"
                    case "t": member = "\t"
                    case "D", "S", "W", "h", "H", "v", "V", "N":
                        unknownMember = true
                        continue
                    case "p", "P":
                        // \pL or \p{Name}: skip the name.
                        if peek == "{" { while let p = peek, p != "}" { i += 1 }; guard !atEnd else { return nil } }
                        i += 1
                        unknownMember = true
                        continue
                    default:
                        if e.isASCII && (e.properties.isAlphabetic || e.properties.numericType != nil) { return nil }
                        member = e
                    }
                }
                if peek == "-", i + 1 < chars.count, chars[i + 1] != "]" {
                    i += 1
                    var upper = chars[i]
                    i += 1
                    if upper == "\\" {
                        guard let e = peek, !(e.isASCII && e.properties.isAlphabetic) else { return nil }
                        upper = e
                        i += 1
                    }
                    guard member.value <= upper.value, upper.value - member.value < 64 else { return nil }
                    for v in member.value...upper.value { if let s = Unicode.Scalar(v) { members.append(s) } }
                } else {
                    members.append(member)
                }
            }
            guard peek == "]" else { return nil }
            i += 1
            if unknownMember { return .unknown }
            var infos = members.map(literal) + classes
            guard !infos.isEmpty else { return nil }
            // The union of the members.
            var info = infos.removeFirst()
            for other in infos {
                var exact: Set<[UInt8]>?
                if let a = info.exact, let b = other.exact { exact = a.union(b) }
                var required: RequiredFactors?
                if let a = info.required, let b = other.required { required = a.union(b) }
                info = Info(exact: exact, required: required)
            }
            return info
        }

        /// Bytes that can start a word: ASCII letters and digits, and lead bytes of non-ASCII
        /// characters (letters of other scripts).
        static func isWordStartByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0xC2
        }
    }
}

/// UTF-8 lead bytes of the non-ASCII characters PCRE2's Unicode classes match (`PCRE2_UCP`),
/// worked out once from the Unicode tables.
enum UnicodeLeads {
    /// Every lead byte of a non-ASCII character.
    static let all: ByteSet = {
        var set = ByteSet()
        for lead in UInt8(0xC2)...UInt8(0xF4) { set.insert(lead) }
        return set
    }()

    /// `\d`: decimal digits of every script (`٣`, `๓`, `３`, and plane 1's).
    static let digits = leads(through: 0x1FFFF) { $0.properties.generalCategory == .decimalNumber }

    /// `\s`: Unicode white space and separators (no-break space, ideographic space).
    static let spaces = leads(through: 0xFFFF) { scalar in
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.properties.isWhitespace
        }
    }

    /// Non-ASCII characters a caseless match pairs with an ASCII letter (the Kelvin sign with
    /// k, long s with s, dotless i with I).
    static let asciiLetterPartners = leads(through: 0xFFFF) { scalar in
        guard scalar.properties.changesWhenCaseMapped else { return false }
        let mappings = [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping, scalar.properties.titlecaseMapping]
        return mappings.contains { mapped in
            mapped.unicodeScalars.count == 1 && mapped.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
        }
    }

    /// The lead bytes of the non-ASCII scalars up to `last` for which `test` holds.
    private static func leads(through last: UInt32, _ test: (Unicode.Scalar) -> Bool) -> ByteSet {
        var set = ByteSet()
        for value in UInt32(0x80)...last {
            guard let scalar = Unicode.Scalar(value), test(scalar) else { continue }
            set.insert(UTF8.encode(scalar)!.first!)
        }
        return set
    }
}
