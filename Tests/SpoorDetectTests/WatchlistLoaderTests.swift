import Foundation
import Testing
@testable import SpoorDetect

@Suite struct WatchlistLoaderTests {
    static let valid = """
        schema: spoor-watchlist/1
        name: test list
        taxa:
          - id: manis
            scientific: Manis
            rank: genus
            appendix: I
            priority: critical
            names:
              en: [Asian pangolin, pangolin]
              zh-Hans: [穿山甲]
            products:
              en: [pangolin scales]
            code_words:
              - term: trenggiling
                lang: id
                source: test source
              - term: CSJ
                lang: zh-Hans
                needs_context: true
                source: test source
          - id: loxodonta-africana
            scientific: Loxodonta africana
            rank: species
            appendix: I/II
            annotation: some populations in II
            priority: critical
            synonyms: [Elephas africanus]
            names:
              en: African elephant
        """

    @Test func parsesAValidList() throws {
        let list = try Watchlist.parse(Self.valid, file: "w.yaml")
        #expect(list.name == "test list")
        #expect(list.taxa.map(\.id) == ["manis", "loxodonta-africana"])
        #expect(list.taxa[0].names["zh-Hans"] == ["穿山甲"])
        #expect(list.taxa[0].codeWords == [
            CodeWord(term: "trenggiling", lang: "id", source: "test source"),
            CodeWord(term: "CSJ", lang: "zh-Hans", source: "test source", needsContext: true),
        ])
        #expect(list.taxa[1].appendix == .iAndII && list.taxa[1].synonyms == ["Elephas africanus"])
        #expect(list.taxa[1].names["en"] == ["African elephant"])  // a single string is a list of one
    }

    /// Each edit turns the valid list into a bad one; the error must name the line and the reason.
    @Test(arguments: [
        ("  - id: loxodonta-africana", "  - id: manis", 22, DataFileError.Code.duplicateID, "duplicate taxon id 'manis'"),
        ("    appendix: I/II", "    appendix: IV", 25, .unknownAppendix, "unknown CITES appendix 'IV'"),
        ("      en: African elephant", "      en: ''", 30, .emptyName, "is empty"),
        ("      zh-Hans: [穿山甲]", "      zh-CN: [穿山甲]", 11, .unknownLanguage, "unknown language code 'zh-CN'"),
        ("        lang: id", "        lang: xx", 16, .unknownLanguage, "unknown language code 'xx'"),
        ("    rank: genus", "    rank: tribe", 6, .invalidValue, "unknown rank 'tribe'"),
        ("    priority: critical\n    names:", "    priority: critical\n    colour: grey\n    names:", 9, .schema, "unknown key 'colour'"),
        ("    annotation: some populations in II\n", "", 22, .schema, "needs an 'annotation'"),
        ("name: test list", "name: test list\n  bad: [indent", 3, .syntax, "not valid YAML"),
        ("        needs_context: true", "        needs_context: sometimes", 20, .invalidValue, "'needs_context' must be true or false"),
    ])
    func rejectsBadFilesWithLineAndReason(find: String, replace: String, line: Int, code: DataFileError.Code, message: String) {
        let text = Self.valid.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.valid)
        #expect {
            _ = try Watchlist.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let e = error as? DataFileError else { return false }
            return e.code == code && e.file == "bad.yaml" && e.line == line && e.description.contains(message)
        }
    }

    @Test func neverHalfLoadsAcrossFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spoor-wl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.valid.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let second = Self.valid.replacingOccurrences(of: "name: test list", with: "name: second")
            .replacingOccurrences(of: "id: loxodonta-africana", with: "id: elephas-maximus")
        try second.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect {
            _ = try Watchlist.load(paths: [dir.path])
        } throws: { error in
            (error as? DataFileError)?.code == .duplicateID && (error as? DataFileError)?.description.contains("b.yaml") == true
        }
        #expect { _ = try Watchlist.load(paths: [dir.appendingPathComponent("missing.yaml").path]) } throws: { error in
            (error as? DataFileError)?.code == .unreadable
        }
    }

    @Test func bundledWatchlistLoadsAndCompiles() throws {
        let list = try Watchlist.load(paths: [TestData.path("watchlists")])
        #expect(list.taxa.count >= 60)
        let index = TermIndex(watchlist: list)
        #expect(index.patternCount > 1000)
        // Every taxon appendix-I or split-listed taxon is reviewed before others.
        #expect(list.taxa.filter { $0.appendix == .i }.allSatisfy { $0.priority <= .high })
    }
}
