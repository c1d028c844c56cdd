/// Groups units into words, undoes disguises word by word and writes the canonical bytes.
struct TokenEmitter {
    let options: Normalizer.Options
    let units: Units

    /// One letter of a word being rewritten.
    private struct Letter {
        var scalar: UInt32
        var written: UInt32
        var start: UInt32
        var end: UInt32
        var isLetter: Bool
        var isMark: Bool
    }

    /// The word being rewritten.
    private var word: [Letter] = []
    /// Every rewritten word, back to back (no allocation per word).
    private var flat: [Letter] = []
    /// Where the last emitted scalar's source started and ended (for the range of the space
    /// after it).
    private var lastStart: UInt32 = 0, lastEnd: UInt32 = 0

    init(options: Normalizer.Options, units: Units) {
        self.options = options
        self.units = units
    }

    private static let at: UInt32 = 0x40, dollar: UInt32 = 0x24, star: UInt32 = 0x2A, bang: UInt32 = 0x21

    /// Whether unit `i` belongs to a word: letters, digits, kept marks, and `@` or `$` between
    /// two letters (`p@ngolin`, `ta$k`), which leetspeak will turn into letters.
    private func isWordUnit(_ i: Int) -> Bool {
        switch units[i].kind {
        case .letter, .digit, .mark:
            return true
        default:
            let value = units[i].scalar
            return options.leetspeak && (value == Self.at || value == Self.dollar || value == Self.bang)
                && i > 0 && i + 1 < units.count && units[i - 1].kind == .letter && units[i + 1].kind == .letter
        }
    }

    /// Whether a separator unit is a lone symbol that joins the letters around it (`iv🐘ory`).
    private func isJoiningSymbol(_ i: Int) -> Bool {
        units[i].scalar == Self.star || (units[i].kind == .symbol && units[i].scalar >= 0x80)
    }

    /// Splits units into words, joins disguised ones and emits each.
    ///
    /// Spelled-out words are joined *after* each word is rewritten, so that a word which only
    /// becomes one letter once rewritten (`ooo`, `о0o`) is judged the same way on a second pass:
    /// that keeps normalization idempotent.
    mutating func emitAll(into out: inout NormalizedText) {
        var tokens: [Range<Int>] = []
        var i = 0
        let n = units.count
        while i < n {
            guard isWordUnit(i) else { i += 1; continue }
            let lo = i
            while i < n && isWordUnit(i) { i += 1 }
            tokens.append(lo..<i)
        }
        guard !tokens.isEmpty else { return }
        flat.reserveCapacity(n)
        guard options.joinSpelledOut else {
            for token in tokens { emit(rewrite(token), into: &out) }
            return
        }
        tokens = joinAcrossSymbols(tokens)
        var k = 0
        var next = rewrite(tokens[0])
        while k < tokens.count {
            let current = next
            guard isSingle(current) else {
                emit(current, into: &out)
                k += 1
                if k < tokens.count { next = rewrite(tokens[k]) }
                continue
            }
            // A run of one-letter words.
            var run = [current]
            var end = k + 1
            while end < tokens.count {
                next = rewrite(tokens[end])
                guard isSingle(next) else { break }
                run.append(next)
                end += 1
            }
            // A joined run starts and ends with letters (`r h 1 n o`, not `4 x 4 a`).
            var lo = 0, hi = run.count
            while lo < hi && !flat[run[lo].lowerBound].isLetter { lo += 1 }
            while hi > lo && !flat[run[hi - 1].lowerBound].isLetter { hi -= 1 }
            for word in run[0..<lo] { emit(word, into: &out) }
            let core = run[lo..<hi]
            let letters = core.count
            let allUnspaced = core.allSatisfy { flat[$0.lowerBound].isLetter && WordEdge.isUnspacedScript(flat[$0.lowerBound].scalar) }
            let coreLetters = core.filter { flat[$0.lowerBound].isLetter }.count
            if !core.isEmpty && ((letters >= 3 && coreLetters >= 3) || (letters >= 2 && allUnspaced)) {
                emit(rewrite(tokens[k + lo].lowerBound..<tokens[k + hi - 1].upperBound), into: &out)
            } else {
                for word in core { emit(word, into: &out) }
            }
            for word in run[hi...] { emit(word, into: &out) }
            k = end
        }
    }

    /// Joins words that a seller split without a space: across symbols or emoji (`iv🐘ory`,
    /// `rhino*horn`), across one `.`, `-`, `_` or `·` when one side is at most two characters
    /// (`iv.ory`, `ng.a`), and across such a mark between two CJK or Thai characters (`犀_角`).
    /// A space, a comma or an apostrophe (`l'ivoire`) always separates.
    private func joinAcrossSymbols(_ tokens: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = [tokens[0]]
        var previousSize = wordUnits(in: tokens[0])
        for token in tokens.dropFirst() {
            let previous = out[out.count - 1]
            let gap = previous.upperBound..<token.lowerBound
            let size = wordUnits(in: token)
            // Across symbols only between letters (`iv🐘ory`, not `10🐘20`).
            var join = !gap.isEmpty && units[previous.upperBound - 1].kind == .letter && units[token.lowerBound].kind == .letter
            for g in gap where join && !isJoiningSymbol(g) { join = false }
            if !join, gap.count == 1, Self.isIntraWordMark(units[gap.lowerBound].scalar) {
                let left = previous.upperBound - 1, right = token.lowerBound
                let unspaced = units[left].kind == .letter && units[right].kind == .letter
                    && WordEdge.isUnspacedScript(units[left].scalar) && WordEdge.isUnspacedScript(units[right].scalar)
                let short = min(previousSize, size) <= 2 && hasLetter(previous) && hasLetter(token)
                join = unspaced || short
            }
            if join {
                out[out.count - 1] = previous.lowerBound..<token.upperBound
                previousSize += size
            } else {
                out.append(token)
                previousSize = size
            }
        }
        return out
    }

    /// `.`, `-`, `_`, `·`, `・`, `‧`, `•`: marks sellers put inside a word.
    /// (A switch, not a `Set`: no hashing on the sweep's path.)
    @inline(__always)
    static func isIntraWordMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E, 0x2D, 0x5F, 0xB7, 0x30FB, 0x2027, 0x2022, 0x2010, 0x2011: return true
        default: return false
        }
    }

    // Plain loops: passing a method as a closure would copy the emitter, arrays and all.
    private func wordUnits(in token: Range<Int>) -> Int {
        var count = 0
        for u in token where isWordUnit(u) { count += 1 }
        return count
    }

    private func hasLetter(_ token: Range<Int>) -> Bool {
        for u in token where units[u].kind == .letter { return true }
        return false
    }

    /// Whether a rewritten word is one character: a letter with any marks on it (Thai ช้), or
    /// one leetspeak digit.
    private func isSingle(_ word: Range<Int>) -> Bool {
        guard let first = word.first else { return false }
        if word.count == 1 { return flat[first].isLetter || Self.leetLetter(flat[first].scalar) != nil }
        return flat[first].isLetter && flat[(first + 1)..<word.upperBound].allSatisfy(\.isMark)
    }

    /// The letter a leetspeak character stands for.
    static func leetLetter(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x30: return 0x6F  // 0 → o
        case 0x31: return 0x69  // 1 → i
        case 0x33: return 0x65  // 3 → e
        case 0x34: return 0x61  // 4 → a
        case 0x35: return 0x73  // 5 → s
        case 0x37: return 0x74  // 7 → t
        case 0x40: return 0x61  // @ → a
        case 0x24: return 0x73  // $ → s
        case 0x21: return 0x69  // ! → i (only between letters: Afr!can)
        default: return nil
        }
    }

    /// Rewrites the word units of `token` with their disguises undone, appending them to `flat`;
    /// returns where they are.
    private mutating func rewrite(_ token: Range<Int>) -> Range<Int> {
        let start = flat.count
        if isPlain(token) {
            // Most words: ASCII letters with nothing to undo.
            for u in token {
                flat.append(Letter(scalar: units[u].scalar, written: units[u].written, start: units[u].start,
                                   end: units[u].end, isLetter: true, isMark: false))
            }
            return start..<flat.count
        }
        word.removeAll(keepingCapacity: true)
        for u in token where isWordUnit(u) {
            word.append(Letter(scalar: units[u].scalar, written: units[u].written, start: units[u].start,
                               end: units[u].end, isLetter: units[u].kind == .letter, isMark: units[u].kind == .mark))
        }
        if options.leetspeak { undoLeetspeak() }
        if options.foldConfusables { foldConfusables() }
        if options.squeezeRepeats { squeezeRepeats() }
        flat.append(contentsOf: word)
        return start..<flat.count
    }

    /// Whether a word of two or more ASCII letters has nothing to rewrite: no digits or symbols
    /// (leetspeak), no look-alikes (ASCII only), no letter three times in a row.
    private func isPlain(_ token: Range<Int>) -> Bool {
        guard token.count >= 2 else { return false }
        var previous: UInt32 = 0
        var run = 0
        for u in token {
            let value = units[u].scalar
            guard value < 0x80, units[u].kind == .letter else { return false }
            run = value == previous ? run + 1 : 1
            if run >= 3 { return false }
            previous = value
        }
        return true
    }

    /// Appends a rewritten word, preceded by a space (mapped to the separators it replaces) when
    /// something came before.
    private mutating func emit(_ letters: Range<Int>, into out: inout NormalizedText) {
        guard let first = letters.first else { return }
        if !out.bytes.isEmpty {
            // The separators between the words: after the last word as stored, or before it when
            // the words are read backwards (bidi reordering); empty when one source character
            // made both (¼ → 1⁄4) or the words are far apart in reading order.
            let next = flat[first]
            let gap = lastEnd <= next.start ? lastEnd..<next.start
                : next.end <= lastStart ? next.end..<lastStart : next.start..<next.start
            out.append(0x20, from: gap)
        }
        for k in letters {
            out.append(scalar: flat[k].scalar, from: flat[k].start..<flat[k].end)
        }
        lastStart = flat[letters.upperBound - 1].start
        lastEnd = flat[letters.upperBound - 1].end
    }

    /// Folds look-alike letters to Latin in a word that mixes them with Latin letters.
    private mutating func foldConfusables() {
        var latin = 0, lookAlike = 0, other = 0
        for letter in word where letter.isLetter {
            if letter.scalar < 0x80 {
                latin += 1
            } else if Confusables.latinLetter(for: letter.scalar) != nil {
                lookAlike += 1
            } else {
                other += 1
            }
        }
        // Only in a word that mixes scripts: a word wholly in Cyrillic or Greek is a word of that
        // language ("рог", horn), whatever it looks like.
        guard lookAlike > 0, latin > 0 else { return }
        for k in word.indices where word[k].isLetter {
            let letter = word[k]
            if let ascii = Confusables.latinLetter(for: letter.written) ?? Confusables.latinLetter(for: letter.scalar) {
                word[k].scalar = UInt32(ascii)
            }
        }
    }

    /// Replaces leetspeak characters with letters when the word shows it is disguised: a digit or
    /// `@`/`$` between letters, or one digit leading or ending four or more letters.
    private mutating func undoLeetspeak() {
        let n = word.count
        guard n >= 3 else { return }
        var disguised = false
        var k = 0
        var runs: [Range<Int>] = []
        while k < n {
            guard Self.leetLetter(word[k].scalar) != nil else { k += 1; continue }
            let lo = k
            while k < n && Self.leetLetter(word[k].scalar) != nil { k += 1 }
            runs.append(lo..<k)
            if lo > 0 && k < n && word[lo - 1].isLetter && word[k].isLetter { disguised = true }
        }
        guard !runs.isEmpty else { return }
        // One digit leading or ending four or more letters (`3lephant`, `rhin0`).
        if !disguised, let first = runs.first, first == 0..<1, word[0].scalar < 0x3A,
           n >= 5, word[1..<5].allSatisfy(\.isLetter) {
            disguised = true
        }
        if !disguised, let last = runs.last, last == (n - 1)..<n, word[n - 1].scalar < 0x3A, n >= 5, word[(n - 5)..<(n - 1)].allSatisfy(\.isLetter) {
            disguised = true
        }
        guard disguised else { return }
        for run in runs {
            let touchesLetter = (run.lowerBound > 0 && word[run.lowerBound - 1].isLetter)
                || (run.upperBound < n && word[run.upperBound].isLetter)
            guard touchesLetter else { continue }
            let interior = run.lowerBound > 0 && run.upperBound < n
                && word[run.lowerBound - 1].isLetter && word[run.upperBound].isLetter
            for k in run {
                let value = word[k].scalar
                if (value == Self.at || value == Self.dollar || value == Self.bang) && !interior { continue }
                word[k].scalar = Self.leetLetter(value)!
            }
        }
        for k in word.indices where word[k].scalar < 0x80 && Self.isASCIILetter(word[k].scalar) {
            word[k].isLetter = true
        }
    }

    private static func isASCIILetter(_ v: UInt32) -> Bool { (0x61...0x7A).contains(v) }

    /// Collapses a letter written three or more times in a row to one (`ivoooory` → `ivory`),
    /// in scripts with spaces; the kept letter's source covers the whole run.
    private mutating func squeezeRepeats() {
        guard word.count >= 3 else { return }
        var write = 0
        var k = 0
        while k < word.count {
            var end = k + 1
            while end < word.count && word[end].scalar == word[k].scalar { end += 1 }
            if end - k >= 3 && word[k].isLetter && !WordEdge.isUnspacedScript(word[k].scalar) {
                // The source of the whole run (in reading order it may run backwards).
                var kept = word[k]
                for r in (k + 1)..<end {
                    kept.start = min(kept.start, word[r].start)
                    kept.end = max(kept.end, word[r].end)
                }
                word[write] = kept
                write += 1
            } else {
                for r in k..<end {
                    word[write] = word[r]
                    write += 1
                }
            }
            k = end
        }
        word.removeSubrange(write...)
    }
}
