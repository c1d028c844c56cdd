import CLibXML2

/// A compiled XPath 1.0 expression (libxml2's `xmlXPathCompExprPtr`), freed on deinit.
///
/// Not `Sendable`: compile per use or per thread; compiling is cheap.
public final class XPathExpression {
    /// The expression source.
    public let source: String
    /// The compiled expression.
    let pointer: xmlXPathCompExprPtr

    /// Compiles `source`.
    ///
    /// - Throws: ``CrawlError`` with code `.configuration` and libxml2's message for an invalid
    ///   expression (or the place of a NUL character, which libxml2 would take for the end).
    public init(_ source: String) throws(CrawlError) {
        LibXML.prepare()
        LibXML.resetError()
        // libxml2 reads a C string: a NUL would silently cut the expression short.
        if let nul = source.utf8.firstIndex(of: 0) {
            throw CrawlError(
                .configuration, subject: source, "not a valid XPath expression",
                cause: "a NUL character at byte \(source.utf8.distance(from: source.utf8.startIndex, to: nul))")
        }
        guard !source.isEmpty, let compiled = xmlXPathCompile(source) else {
            throw CrawlError(
                .configuration, subject: source, "not a valid XPath expression",
                cause: LibXML.lastErrorMessage() ?? (source.isEmpty ? "empty expression" : nil))
        }
        self.source = source
        self.pointer = compiled
    }

    deinit { xmlXPathFreeCompExpr(pointer) }

    /// Throws when `source` does not compile; for validating configuration at load.
    public static func validate(_ source: String) throws(CrawlError) {
        _ = try XPathExpression(source)
    }
}

/// What an XPath expression evaluated to.
public enum XPathValue {
    /// A node-set, in document order.
    case nodes([HTMLNode])
    /// A string.
    case string(String)
    /// A number.
    case number(Double)
    /// A boolean.
    case boolean(Bool)

    /// The nodes, or an empty list for a non-node result.
    public var nodes: [HTMLNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// The values as strings: each node's text, or the single scalar as text.
    public var strings: [String] {
        switch self {
        case .nodes(let nodes): return nodes.map(\.text)
        case .string(let text): return [text]
        case .number(let number):
            if number.isNaN { return [] }
            return [number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)]
        case .boolean(let flag): return [flag ? "true" : "false"]
        }
    }
}
