import Foundation
import Testing
@testable import SpoorDetect

@Suite struct SpeciesPlusImportTests {
    @Test func synonymsLoseTheirAuthors() {
        #expect(SpeciesPlusImport.synonyms("Ornismya abeillei Lesson & DeLattre, 1839", specific: true) == ["Ornismya abeillei"])
        #expect(SpeciesPlusImport.synonyms(
            "Astrea echinata Dana, 1846, Acanthastrea irregularis Quelch, 1886, Prionastrea echinata (Dana, 1846)",
            specific: true) == ["Astrea echinata", "Acanthastrea irregularis", "Prionastrea echinata"])
        #expect(SpeciesPlusImport.synonyms("Testudo radiata Shaw, 1802, Geochelone radiata de Vis, 1888", specific: true)
            == ["Testudo radiata", "Geochelone radiata"])
        #expect(SpeciesPlusImport.synonyms("Cattleya walkeriana var. nobilior Rchb.f.", specific: true) == ["Cattleya walkeriana var. nobilior"])
        #expect(SpeciesPlusImport.synonyms("Phataginus Rafinesque, 1821", specific: false) == ["Phataginus"])
    }

    @Test func namesListingsAndQuoting() {
        #expect(SpeciesPlusImport.splitNames("African Elephant, African Savannah Elephant,  ") == ["African Elephant", "African Savannah Elephant"])
        #expect(SpeciesPlusImport.slug("Loxodonta africana") == "loxodonta-africana")
        #expect(SpeciesPlusImport.slug("Cattleya walkeriana var. nobilior") == "cattleya-walkeriana-var-nobilior")
        #expect(SpeciesPlusImport.quote("Eléphant d'Afrique \"x\"\n") == "\"Eléphant d'Afrique \\\"x\\\"\\n\"")
        #expect(Appendix(rawValue: "I/II/NC")?.includesAppendixI == true)
        #expect(Appendix(rawValue: "II/II") == nil && Appendix(rawValue: "IV") == nil && Appendix(rawValue: "") == nil)
    }

    @Test func quotedFieldsWithNewlinesAndCommas() throws {
        let csv = "TaxonId,FullName,RankName,CurrentListing,AnnotationEnglish,EnglishNames\n"
            + "1,Manis,GENUS,I,\"Appendix I:\nline two, with comma\",\"Pangolin, \"\"scaly anteater\"\"\"\n"
            + "2,Bad rank,TRIBE,II,,\n"
        let imported = try SpeciesPlusImport(csv: Array(csv.utf8), file: "t.csv")
        #expect(imported.taxa.count == 1)
        #expect(imported.taxa[0].names["en"] == ["Pangolin", "\"scaly anteater\""])
        #expect(imported.taxa[0].annotation == "line two, with comma")
        #expect(imported.skipped == ["t.csv:4: unknown rank 'TRIBE' for Bad rank"])
        // The YAML it writes loads back as the same taxa.
        let reloaded = try Watchlist.parse(imported.yaml(name: "t", source: "t.csv"), file: "out.yaml")
        #expect(reloaded.taxa == imported.taxa)
    }

    @Test func anUnclosedQuoteIsAnErrorWithItsLine() {
        let csv = "TaxonId,FullName,RankName,CurrentListing\n1,Manis,GENUS,I\n2,\"Broken,GENUS,II\n3,Pan,GENUS,I\n"
        #expect {
            _ = try SpeciesPlusImport(csv: Array(csv.utf8), file: "t.csv")
        } throws: { error in
            (error as? DataFileError)?.code == .syntax && (error as? DataFileError)?.description.contains("never closed") == true
        }
    }

    @Test func idsStayUniqueWhenNamesRepeat() throws {
        let csv = "TaxonId,FullName,RankName,CurrentListing\n1,Manis,GENUS,I\n2,Manis,SPECIES,I\n,Manis,FAMILY,I\n"
        let imported = try SpeciesPlusImport(csv: Array(csv.utf8), file: "t.csv")
        #expect(imported.taxa.map(\.id) == ["manis", "manis-2", "manis-3"])
    }

    /// The real export (38,079 rows): counts per rank and listing match the file, and the whole
    /// list loads back and compiles into one automaton.
    @Test(.enabled(if: TestData.shared("data/cites/Index_of_CITES_Species_2017-04-21.csv.gz") != nil))
    func importsTheRealSpeciesPlusExport() async throws {
        try await onOwnThread { try Self.checkTheRealExport() }
    }

    private static func checkTheRealExport() throws {
        let file = TestData.shared("data/cites/Index_of_CITES_Species_2017-04-21.csv.gz")!
        let imported = try SpeciesPlusImport(file: file)

        // Count the file's own rows independently of the importer's mapping.
        var reader = CSVReader(bytes: try SpeciesPlusImport.gunzip(file))
        let header = reader.next()!
        let rankColumn = header.firstIndex(of: "RankName")!, listingColumn = header.firstIndex(of: "CurrentListing")!
        var rows = 0
        var fileByListing: [String: Int] = [:], fileByRank: [String: Int] = [:]
        while let row = reader.next(), row.count > listingColumn {
            rows += 1
            fileByListing[row[listingColumn], default: 0] += 1
            fileByRank[row[rankColumn].lowercased(), default: 0] += 1
        }
        #expect(rows == 38_079)
        #expect(imported.taxa.count + imported.skipped.count == rows)
        #expect(imported.skipped.count + imported.listingsFromAnnotation == fileByListing[""])

        var byListing: [String: Int] = [:], byRank: [String: Int] = [:]
        for taxon in imported.taxa {
            byListing[taxon.appendix.rawValue, default: 0] += 1
            byRank[taxon.rank.rawValue, default: 0] += 1
        }
        for (listing, count) in fileByListing where !listing.isEmpty && listing != "II" {
            #expect(byListing[listing] == count, "listing \(listing)")
        }
        // Rows with an empty listing whose annotation says "Appendix II: Included in ..." are II.
        #expect(byListing["II"] == fileByListing["II"]! + imported.listingsFromAnnotation)
        #expect(byRank.values.reduce(0, +) == imported.taxa.count)
        for (rank, count) in fileByRank { #expect(byRank[rank, default: 0] <= count && count - byRank[rank, default: 0] <= imported.skipped.count) }

        let elephant = try #require(imported.taxa.first { $0.scientific == "Loxodonta africana" })
        #expect(elephant.appendix == .iAndII && elephant.annotation?.contains("BW, NA, ZA") == true)
        #expect(elephant.names["fr"]?.contains("Eléphant d'Afrique") == true)

        let list = try Watchlist.parse(imported.yaml(name: "CITES", source: "export"), file: "cites.yaml")
        #expect(list.taxa.count == imported.taxa.count)
        let clock = ContinuousClock()
        var index: TermIndex?
        let elapsed = clock.measure { index = TermIndex(watchlist: list) }
        #expect(index!.patternCount > 100_000)
        print("Species+ import: \(list.taxa.count) taxa, \(index!.terms.count) terms, \(index!.patternCount) patterns, compiled in \(elapsed) into \(index!.memoryBytes >> 20) MiB (\(index!.representation))")
        let detector = Detector(watchlist: list)
        #expect(detector.classify(Listing(id: "x", title: "Loxodonta africana tusk", description: "")).taxa.map(\.name).contains("Loxodonta africana"))
    }
}
