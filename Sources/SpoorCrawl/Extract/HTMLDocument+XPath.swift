import CLibXML2

/// An XPath evaluation context over one document (`xmlXPathContextPtr`), valid inside
/// ``HTMLDocument/withXPathContext(_:)`` only.
public struct XPathContext: ~Copyable {
    /// The document evaluated against.
    public let document: HTMLDocument
    /// The libxml2 context; freed by `withXPathContext`.
    let pointer: xmlXPathContextPtr

    /// Evaluates `expression` with `node` (default: the document) as the context node.
    public func evaluate(_ expression: XPathExpression, relativeTo node: HTMLNode? = nil) -> XPathValue {
        pointer.pointee.node = (node ?? document.root).pointer
        guard let result = xmlXPathCompiledEval(expression.pointer, pointer) else { return .nodes([]) }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            let set = result.pointee.nodesetval
            let count = Int(spoor_nodeset_count(set))
            var nodes: [HTMLNode] = []
            nodes.reserveCapacity(count)
            for index in 0..<count {
                if let item = spoor_nodeset_item(set, Int32(index)) {
                    nodes.append(HTMLNode(document: document, pointer: item))
                }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            return .nodes([])
        }
    }

    /// Compiles and evaluates `source`.
    public func evaluate(_ source: String, relativeTo node: HTMLNode? = nil) throws(CrawlError) -> XPathValue {
        evaluate(try XPathExpression(source), relativeTo: node)
    }
}

extension HTMLDocument {
    /// Runs `body` with an XPath context over this document, freeing the context afterwards.
    public func withXPathContext<R>(_ body: (borrowing XPathContext) throws -> R) rethrows -> R {
        LibXML.prepare()
        guard let context = xmlXPathNewContext(pointer) else {
            fatalError("libxml2 could not allocate an XPath context (out of memory)")
        }
        defer { xmlXPathFreeContext(context) }
        let wrapper = XPathContext(document: self, pointer: context)
        return try withExtendedLifetime(self) { try body(wrapper) }
    }

    /// Evaluates `source` once against the whole document.
    public func evaluate(xpath source: String, relativeTo node: HTMLNode? = nil) throws(CrawlError) -> XPathValue {
        let expression = try XPathExpression(source)
        return withXPathContext { context in context.evaluate(expression, relativeTo: node) }
    }

    /// The nodes `source` selects.
    public func nodes(xpath source: String, relativeTo node: HTMLNode? = nil) throws(CrawlError) -> [HTMLNode] {
        try evaluate(xpath: source, relativeTo: node).nodes
    }

    /// The first string value of `source`, or nil when it selects nothing.
    public func firstString(xpath source: String) throws(CrawlError) -> String? {
        try evaluate(xpath: source).strings.first
    }
}
