import Foundation
import SpoorMatch
import Yams

extension RuleSet {
    /// The schema tag a rules file starts with.
    public static let schema = "spoor-rules/1"

    /// Loads every `*.yaml`/`*.yml` in the given files or directories; nothing loads unless all
    /// files are valid, every pattern compiles and ids are unique.
    public static func load(paths: [String]) throws(DataFileError) -> RuleSet {
        var rules: [Rule] = []
        var cues: Set<String> = []
        var seen: [String: String] = [:]
        for path in paths {
            for file in try DataFiles.yamlFiles(at: path) {
                let loaded = try load(file: file)
                cues.formUnion(loaded.negationCues)
                for rule in loaded.rules {
                    if let other = seen[rule.id] {
                        throw DataFileError(.duplicateID, file: file, line: nil, "rule id '\(rule.id)' is already defined at \(other)")
                    }
                    seen[rule.id] = rule.origin
                    rules.append(rule)
                }
            }
        }
        return RuleSet(rules: rules, negationCues: cues)
    }

    /// Loads one rules file.
    public static func load(file: String) throws(DataFileError) -> RuleSet {
        try parse(try DataFiles.readText(file), file: file)
    }

    private static let keys: Set<String> = [
        "id", "title", "description", "fields", "pattern", "target", "literals", "weight", "effect", "examples",
        "negatable", "standalone",
    ]

    /// Parses rules YAML; `file` names the source in errors.
    public static func parse(_ text: String, file: String, normalizer: Normalizer = Normalizer()) throws(DataFileError) -> RuleSet {
        let reader = YAMLReader(file: file)
        let root = try reader.parse(text)
        let top = try reader.mapping(root, "the rules file", allowed: ["schema", "description", "negation_cues", "rules"])
        let schema = try reader.string(top, "schema", in: "the rules file", parent: root)
        guard schema == Self.schema else {
            throw reader.error(.schema, top["schema"], "unsupported schema '\(schema)' (expected \(Self.schema))")
        }
        var cues: Set<String> = []
        if let node = top["negation_cues"] {
            for cue in try reader.strings(node, "'negation_cues'") { cues.insert(normalizer.canonical(cue)) }
        }
        guard let list = top["rules"] else { return RuleSet(rules: [], negationCues: cues) }
        var rules: [Rule] = []
        for node in try reader.sequence(list, "'rules'") {
            let map = try reader.mapping(node, "a rule", allowed: keys)
            let id = try reader.string(map, "id", in: "a rule", parent: node)
            let what = "rule '\(id)'"
            if rules.contains(where: { $0.id == id }) {
                throw reader.error(.duplicateID, node, "duplicate rule id '\(id)'")
            }
            let title = try reader.string(map, "title", in: what, parent: node)
            let description = try reader.optionalString(map, "description", in: what) ?? ""
            let fields = Set(try map["fields"].map { (n: Node) throws(DataFileError) in try reader.strings(n, "'fields' of \(what)") } ?? ["title", "description"])
            for field in fields where !["title", "description"].contains(field) {
                throw reader.error(.invalidValue, map["fields"], "\(what): unknown field '\(field)' (use title, description)")
            }
            let pattern = try reader.string(map, "pattern", in: what, parent: node)
            let targetText = try reader.optionalString(map, "target", in: what) ?? "normalized"
            guard let target = Rule.Target(rawValue: targetText) else {
                throw reader.error(.invalidValue, map["target"], "\(what): target must be normalized or original, not '\(targetText)'")
            }
            let effectText = try reader.string(map, "effect", in: what, parent: node)
            guard let effect = Rule.Effect(rawValue: effectText) else {
                throw reader.error(.invalidValue, map["effect"], "\(what): effect must be raise, lower or suppress, not '\(effectText)'")
            }
            var weight = 0.0
            if effect != .suppress {
                guard let node = map["weight"], let value = node.float, value > 0, value <= 1 else {
                    throw reader.error(.invalidValue, map["weight"] ?? node, "\(what): 'weight' must be a number in (0, 1]")
                }
                weight = value
            }
            let negatable = try reader.flag(map, "negatable", in: what)
            var standalone = Rule.Standalone.no
            if let node = map["standalone"] {
                guard let text = node.string, let value = Rule.Standalone(rawValue: text) else {
                    throw reader.error(.invalidValue, node, "\(what): 'standalone' must be no, evidence or context")
                }
                guard value == .no || effect == .raise else {
                    throw reader.error(.invalidValue, node, "\(what): only raise rules can count standalone")
                }
                standalone = value
            }
            let literals = try map["literals"].map { (n: Node) throws(DataFileError) in try reader.strings(n, "'literals' of \(what)") } ?? []
            let normalizedLiterals = literals.map { normalizer.canonical($0) }
            if let empty = zip(literals, normalizedLiterals).first(where: { $0.1.isEmpty }) {
                throw reader.error(.emptyName, map["literals"], "\(what): literal '\(empty.0)' is empty once normalized")
            }
            var mustMatch: [String] = [], mustNotMatch: [String] = []
            if let examples = map["examples"] {
                let e = try reader.mapping(examples, "'examples' of \(what)", allowed: ["match", "no_match"])
                mustMatch = try e["match"].map { (n: Node) throws(DataFileError) in try reader.strings(n, "'examples.match' of \(what)") } ?? []
                mustNotMatch = try e["no_match"].map { (n: Node) throws(DataFileError) in try reader.strings(n, "'examples.no_match' of \(what)") } ?? []
            }
            var regex: PCRE2Regex
            var gate: RuleGate?
            do {
                // On normalized text, letters in the pattern are folded the same way (й→и, é→e).
                let source = target == .normalized ? normalizer.foldingLetters(pattern) : pattern
                // Normalized text is lower case: caseless matching (slower) is only needed for the
                // original text, or for a pattern that writes a capital letter.
                let caseless = target == .original || Self.writesCapitals(source)
                regex = try PCRE2Regex(source, options: .init(caseless: caseless))
                // PCRE2 tries alternatives one by one: alternations of plain words run as tries
                // (the same matches), unless the rewritten pattern does not compile.
                let trie = AlternationTrie.optimize(source)
                if !caseless, trie != source, let faster = try? PCRE2Regex(trie, options: .init(caseless: false)) {
                    regex = faster
                }
                // Without hand-written literals, the pattern itself says what a text must hold.
                if normalizedLiterals.isEmpty { gate = RuleGate.derive(pattern: source, target: target, caseless: caseless) }
            } catch {
                throw reader.error(.invalidValue, map["pattern"], "\(what): \(error)")
            }
            rules.append(Rule(
                id: id, title: title, description: description, fields: fields, pattern: pattern, target: target,
                literals: normalizedLiterals, weight: weight, negatable: negatable, standalone: standalone, effect: effect, mustMatch: mustMatch,
                mustNotMatch: mustNotMatch, origin: "\(file):\(node.mark?.line ?? 0)", regex: regex, gate: gate))
        }
        return RuleSet(rules: rules, negationCues: cues)
    }

    /// Whether a pattern has a capital letter outside escapes (`\B`, `\W`), property names
    /// (`\p{Han}`) and group names (`(?<Name>`, `(?P<Name>`).
    static func writesCapitals(_ pattern: String) -> Bool {
        let c = Array(pattern.unicodeScalars)
        var i = 0
        while i < c.count {
            if c[i] == "\\" {
                // Skip the escape, and a property name after \p or \P.
                i += 2
                if i - 1 < c.count, c[i - 1] == "p" || c[i - 1] == "P", i < c.count, c[i] == "{" {
                    while i < c.count && c[i] != "}" { i += 1 }
                    i += 1
                }
                continue
            } else if c[i] == "<", i >= 2, c[i - 1] == "?" || c[i - 1] == "P", i + 1 < c.count, c[i + 1] != "=", c[i + 1] != "!" {
                while i < c.count && c[i] != ">" { i += 1 }  // a group name
            } else if c[i].properties.isUppercase {
                return true
            }
            i += 1
        }
        return false
    }

}
