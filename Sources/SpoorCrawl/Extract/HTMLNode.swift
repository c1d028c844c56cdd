import CLibXML2

/// A node of an ``HTMLDocument`` (element, attribute, text or the document itself).
///
/// Keeps its document alive, so a node never outlives the tree it points into.
public struct HTMLNode {
    /// The document that owns the node.
    public let document: HTMLDocument
    /// The libxml2 node.
    let pointer: xmlNodePtr

    /// The element or attribute name (lowercase for HTML), or libxml2's name for other nodes.
    public var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// Whether this is an element node.
    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The text content: all descendant text for an element, the value for an attribute or text node.
    public var text: String {
        LibXML.takeString(xmlNodeGetContent(pointer)) ?? ""
    }

    /// The value of attribute `name`, or nil when the element has none.
    public func attribute(_ name: String) -> String? {
        guard isElement else { return nil }
        return LibXML.takeString(xmlGetProp(pointer, name))
    }

    /// The element children, in document order.
    public var elementChildren: [HTMLNode] {
        var out: [HTMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { out.append(HTMLNode(document: document, pointer: node)) }
            child = node.pointee.next
        }
        return out
    }

    /// The parent node (nil for the document).
    public var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent else { return nil }
        return HTMLNode(document: document, pointer: parent)
    }
}
