import Foundation
import Yams

/// Reads typed values out of a YAML document, turning every surprise into a ``DataFileError``
/// that names the file and line.
package struct YAMLReader {
    /// The file the document came from (for messages).
    package let file: String

    /// Creates a reader for a document from `file`.
    package init(file: String) { self.file = file }

    /// Parses `text` into a node tree.
    package func parse(_ text: String) throws(DataFileError) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DataFileError(.syntax, file: file, line: Self.line(of: error), "not valid YAML", cause: "\(error)")
        } catch {
            throw DataFileError(.syntax, file: file, line: nil, "not valid YAML", cause: "\(error)")
        }
        guard let node else { throw DataFileError(.schema, file: file, line: 1, "the file is empty") }
        return node
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        case let .duplicatedKeysInMapping(_, context):
            return context.mark.line
        default:
            return nil
        }
    }

    package func error(_ code: DataFileError.Code, _ node: Node?, _ message: String) -> DataFileError {
        DataFileError(code, file: file, line: node?.mark?.line, message)
    }

    /// The pairs of a mapping, checking that every key is one of `allowed`.
    package func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(DataFileError) -> [String: Node] {
        guard let mapping = node.mapping else {
            throw error(.schema, node, "\(what) must be a mapping of keys to values")
        }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(.schema, key, "\(what) has a key that is not text") }
            guard allowed.contains(name) else {
                throw error(.schema, key, "\(what) has an unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            out[name] = value
        }
        return out
    }

    /// A required, non-empty string.
    package func string(_ map: [String: Node], _ key: String, in what: String, parent: Node) throws(DataFileError) -> String {
        guard let node = map[key] else { throw error(.schema, parent, "\(what) is missing '\(key)'") }
        return try nonEmptyString(node, "'\(key)' of \(what)")
    }

    /// An optional string (must be non-empty when present).
    package func optionalString(_ map: [String: Node], _ key: String, in what: String) throws(DataFileError) -> String? {
        guard let node = map[key] else { return nil }
        return try nonEmptyString(node, "'\(key)' of \(what)")
    }

    /// An optional `true`/`false` flag, `false` when absent.
    package func flag(_ map: [String: Node], _ key: String, in what: String) throws(DataFileError) -> Bool {
        guard let node = map[key] else { return false }
        guard let value = node.bool else { throw error(.invalidValue, node, "\(what): '\(key)' must be true or false") }
        return value
    }

    /// A scalar that is non-empty text.
    package func nonEmptyString(_ node: Node, _ what: String) throws(DataFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error(.schema, node, "\(what) must be text") }
        // Most scalars have nothing to trim; Foundation's trimming is slow enough to show at start-up.
        let raw = scalar.string
        let value = raw.first?.isWhitespace == false && raw.last?.isWhitespace == false
            ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw error(.emptyName, node, "\(what) is empty") }
        return value
    }

    /// A list of non-empty strings (a single string is accepted as a list of one).
    package func strings(_ node: Node, _ what: String) throws(DataFileError) -> [String] {
        switch node {
        case .scalar:
            return [try nonEmptyString(node, what)]
        case .sequence(let sequence):
            var out: [String] = []
            for item in sequence { out.append(try nonEmptyString(item, "an entry of \(what)")) }
            return out
        default:
            throw error(.schema, node, "\(what) must be a list of text")
        }
    }

    /// A sequence's items.
    package func sequence(_ node: Node, _ what: String) throws(DataFileError) -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(.schema, node, "\(what) must be a list") }
        return Array(sequence)
    }
}
