import Yams

extension Watchlist {
    /// The schema tag a watchlist file starts with.
    public static let schema = "spoor-watchlist/1"

    /// Parses watchlist YAML; `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> Watchlist {
        let reader = YAMLReader(file: file)
        let root = try reader.parse(text)
        let top = try reader.mapping(root, "the watchlist", allowed: ["schema", "name", "description", "taxa"])
        let schema = try reader.string(top, "schema", in: "the watchlist", parent: root)
        guard schema == Self.schema else {
            throw reader.error(.schema, top["schema"], "unsupported schema '\(schema)' (expected \(Self.schema))")
        }
        let name = try reader.string(top, "name", in: "the watchlist", parent: root)
        guard let taxaNode = top["taxa"] else { throw reader.error(.schema, root, "the watchlist has no 'taxa'") }
        var taxa: [Taxon] = []
        var lines: [String: Int] = [:]
        for node in try reader.sequence(taxaNode, "'taxa'") {
            let taxon = try parseTaxon(node, reader)
            if let line = lines[taxon.id] {
                throw reader.error(.duplicateID, node, "duplicate taxon id '\(taxon.id)' (first defined on line \(line))")
            }
            lines[taxon.id] = node.mark?.line ?? 0
            taxa.append(taxon)
        }
        return Watchlist(name: name, taxa: taxa)
    }

    private static let taxonKeys: Set<String> = [
        "id", "scientific", "rank", "appendix", "annotation", "priority", "synonyms", "names", "products", "code_words",
        "names_are_products",
    ]

    private static func parseTaxon(_ node: Node, _ reader: YAMLReader) throws(DataFileError) -> Taxon {
        let map = try reader.mapping(node, "a taxon", allowed: taxonKeys)
        let id = try reader.string(map, "id", in: "a taxon", parent: node)
        let what = "taxon '\(id)'"
        guard id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            throw reader.error(.invalidValue, map["id"], "\(what): ids use lowercase letters, digits and hyphens")
        }
        let scientific = try reader.string(map, "scientific", in: what, parent: node)
        let rankText = try reader.string(map, "rank", in: what, parent: node)
        guard let rank = Rank(rawValue: rankText) else {
            throw reader.error(.invalidValue, map["rank"], "\(what): unknown rank '\(rankText)' (use one of \(Rank.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let appendixText = try reader.string(map, "appendix", in: what, parent: node)
        guard let appendix = Appendix(rawValue: appendixText) else {
            throw reader.error(.unknownAppendix, map["appendix"], "\(what): unknown CITES appendix '\(appendixText)' (use I, II or III, joined by / for split listings, with NC for unlisted populations)")
        }
        let annotation = try reader.optionalString(map, "annotation", in: what)
        if appendix.isSplit && annotation == nil {
            throw reader.error(.schema, node, "\(what): a split listing (\(appendix)) needs an 'annotation' saying which populations are in which appendix")
        }
        let priorityText = try reader.string(map, "priority", in: what, parent: node)
        guard let priority = Priority(rawValue: priorityText) else {
            throw reader.error(.invalidValue, map["priority"], "\(what): unknown priority '\(priorityText)' (use critical, high, medium or low)")
        }
        let synonyms = try map["synonyms"].map { (n: Node) throws(DataFileError) in try reader.strings(n, "'synonyms' of \(what)") } ?? []
        let names = try languageMap(map["names"], "'names' of \(what)", reader)
        let products = try languageMap(map["products"], "'products' of \(what)", reader)
        var codeWords: [CodeWord] = []
        if let node = map["code_words"] {
            for item in try reader.sequence(node, "'code_words' of \(what)") {
                let entry = try reader.mapping(item, "a code word of \(what)", allowed: ["term", "lang", "source", "needs_context"])
                let term = try reader.string(entry, "term", in: "a code word of \(what)", parent: item)
                let lang = try reader.string(entry, "lang", in: "code word '\(term)'", parent: item)
                guard LanguageCode.supported.contains(lang) else {
                    throw reader.error(.unknownLanguage, entry["lang"], "code word '\(term)': unknown language code '\(lang)'")
                }
                let source = try reader.string(entry, "source", in: "code word '\(term)'", parent: item)
                let needsContext = try reader.flag(entry, "needs_context", in: "code word '\(term)'")
                codeWords.append(CodeWord(term: term, lang: lang, source: source, needsContext: needsContext))
            }
        }
        let namesAreProducts = try reader.flag(map, "names_are_products", in: what)
        return Taxon(
            id: id, scientific: scientific, rank: rank, appendix: appendix, annotation: annotation,
            priority: priority, synonyms: synonyms, names: names, products: products, codeWords: codeWords,
            namesAreProducts: namesAreProducts)
    }

    private static func languageMap(_ node: Node?, _ what: String, _ reader: YAMLReader) throws(DataFileError) -> [String: [String]] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else { throw reader.error(.schema, node, "\(what) must map language codes to lists of names") }
        var out: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let lang = key.string, LanguageCode.supported.contains(lang) else {
                throw reader.error(.unknownLanguage, key, "\(what): unknown language code '\(key.string ?? "?")' (supported: \(LanguageCode.supported.sorted().joined(separator: ", ")))")
            }
            out[lang] = try reader.strings(value, "\(what) in '\(lang)'")
        }
        return out
    }
}
