import Testing
@testable import SpoorMatch

/// Tests for the generated confusables table and its lookup.
@Suite("Confusables")
struct ConfusablesTests {
    /// Folds a string scalar by scalar, keeping scalars the table does not hold.
    private func fold(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let byte = Confusables.latinLetter(for: scalar) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Cyrillic lowercase look-alikes fold to the Latin letter they imitate.
    @Test(arguments: [
        ("\u{0430}", "a"), ("\u{0435}", "e"), ("\u{043E}", "o"), ("\u{0440}", "p"), ("\u{0441}", "c"),
        ("\u{0456}", "i"), ("\u{0458}", "j"), ("\u{0455}", "s"), ("\u{0443}", "y"), ("\u{0445}", "x"),
    ])
    func cyrillicLowercase(source: String, expected: String) {
        let scalar = source.unicodeScalars.first!
        #expect(Confusables.latinLetter(for: scalar) == expected.utf8.first)
    }

    /// Greek lowercase look-alikes that ICU maps to a single ASCII letter fold to it.
    ///
    /// Greek `κ` is deliberately absent: ICU's skeleton for it is `ĸ` (kra), not `k`.
    @Test(arguments: [
        ("\u{03BF}", "o"), ("\u{03B1}", "a"), ("\u{03B9}", "i"), ("\u{03BD}", "v"), ("\u{03C1}", "p"),
    ])
    func greekLowercase(source: String, expected: String) {
        let scalar = source.unicodeScalars.first!
        #expect(Confusables.latinLetter(for: scalar) == expected.utf8.first)
    }

    /// Capitals that look like Latin `I` fold to `i`, not to ICU's skeleton letter `l`.
    @Test func capitalIotaLikeLettersFoldToI() {
        #expect(Confusables.latinLetter(for: "\u{0406}") == UInt8(ascii: "i")) // Cyrillic І
        #expect(Confusables.latinLetter(for: "\u{0399}") == UInt8(ascii: "i")) // Greek Ι
        #expect(Confusables.latinLetter(for: "\u{0410}") == UInt8(ascii: "a")) // Cyrillic А
        #expect(Confusables.latinLetter(for: "\u{041E}") == UInt8(ascii: "o")) // Cyrillic О
    }

    /// A mixed-script spelling folds to the plain ASCII word.
    @Test func foldsMixedScriptWord() {
        #expect(fold("\u{0456}v\u{043E}ry") == "ivory")
        #expect(fold("\u{0440}ang\u{043E}lin") == "pangolin")
    }

    /// The UInt32 overload agrees with the Unicode.Scalar overload.
    @Test func valueOverloadAgrees() {
        #expect(Confusables.latinLetter(for: UInt32(0x0430)) == UInt8(ascii: "a"))
        #expect(Confusables.latinLetter(for: UInt32(0x0061)) == nil)
        #expect(Confusables.latinLetter(for: UInt32(0x10FFFF)) == nil)
        #expect(Confusables.latinLetter(for: UInt32(0)) == nil)
    }

    /// ASCII letters and digits are not in the table.
    @Test func asciiIsNotFolded() {
        for byte in UInt8(0)...UInt8(0x7F) {
            #expect(Confusables.latinLetter(for: Unicode.Scalar(byte)) == nil)
        }
    }

    /// CJK, Thai and other digits return nil.
    @Test func unrelatedScriptsAreNotFolded() {
        for scalar in "象牙งา٠१௦〇".unicodeScalars {
            #expect(Confusables.latinLetter(for: scalar) == nil)
        }
    }

    /// The tables are non-empty, the same length, strictly sorted (hence duplicate-free) and hold only a–z.
    @Test func tableInvariants() {
        #expect(!Confusables.scalars.isEmpty)
        #expect(Confusables.scalars.count == Confusables.letters.count)
        for index in Confusables.scalars.indices.dropFirst() {
            #expect(Confusables.scalars[index - 1] < Confusables.scalars[index])
        }
        #expect(Set(Confusables.scalars).count == Confusables.scalars.count)
        #expect(Confusables.scalars.allSatisfy { $0 > 0x7F && Unicode.Scalar($0) != nil })
        #expect(Confusables.letters.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) })
    }

    /// Every table entry is found by the lookup with its own letter.
    @Test func everyEntryRoundTrips() {
        for (scalar, letter) in zip(Confusables.scalars, Confusables.letters) {
            #expect(Confusables.latinLetter(for: scalar) == letter)
        }
    }
}
