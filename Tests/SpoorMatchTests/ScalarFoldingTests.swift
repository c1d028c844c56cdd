import Testing
@testable import SpoorMatch

/// The folding table is built with one Foundation call for all scalars; it must equal the fold
/// computed scalar by scalar.
@Suite struct ScalarFoldingTests {
    @Test func foldingInBulkEqualsFoldingOneByOne() {
        let values = Array(UInt32(0)..<0x3100) + Array(UInt32(0xFF00)..<0xFFF0)
        let bulk = ScalarFolding.computeAll(values)
        var differing: [String] = []
        for (value, fold) in zip(values, bulk) where fold != ScalarFolding.compute(value) {
            differing.append(String(value, radix: 16))
        }
        #expect(differing.isEmpty, "differ: \(differing.prefix(20))")
        // Spot checks of what folding does.
        #expect(ScalarFolding.compute(0xE9) == [0x65])          // é → e
        #expect(ScalarFolding.compute(0x3A3) == [0x3C3])        // Σ → σ, not final ς
        #expect(ScalarFolding.compute(0xFF49) == [0x69])        // ｉ → i
    }
}
