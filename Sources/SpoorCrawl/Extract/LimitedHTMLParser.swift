import CLibXML2

/// One run of libxml2's HTML parser under ``ParseLimits``: owns the parser context and frees it,
/// and hooks the SAX callbacks that build the tree to count nodes and cut deep nesting.
///
/// The parse is libxml2's own (`htmlParseDocument`, as `htmlReadMemory` runs it); only the
/// callbacks that create nodes are wrapped. Each wrapper counts what it is about to build and
/// calls `xmlStopParser` past `maxNodes`, so the tree keeps what came before.
///
/// Past `maxDepth` the nesting is cut, in three ways that each bound a cost:
/// - Elements without attributes build no node (their text goes to the element above), and
///   attributed ones stop nesting at ``nodeStackLimit`` and are attached side by side: libxml2's
///   node stack stays below its own check (256 deep), where it halts and drops the rest of the page.
/// - libxml2 also keeps a stack of open element names and scans it for every end tag that does
///   not close the element on top, and for every misplaced `<body>`: a million open `<div>`s make
///   that quadratic (hours for 10 MiB). Names deeper than ``nameStackLimit`` are taken off that
///   stack as soon as they are pushed, so no scan is longer than that. The exceptions are what
///   must stay open to be read right: `<script>` and `<style>` (raw text, they cannot nest), and
///   attributed elements up to ``attributedNameLimit`` (an `itemscope` with its `itemprop`s).
/// - A deep element taken off the name stack but built (it has attributes) is a leaf: its
///   children are attached beside it.
final class LimitedHTMLParser {
    /// The limits of this parse.
    let limits: ParseLimits
    /// Nodes built so far.
    private(set) var nodes = 0
    /// Why the parse stopped early, if it did.
    private(set) var truncation: ParseTruncation?
    /// Elements deeper than `maxDepth` (left out or attached side by side).
    private(set) var nestingCut = 0

    /// What happened to an open element deeper than `maxDepth` whose name libxml2 keeps.
    private enum Deep {
        /// No node: its content goes to the element above it.
        case omitted
        /// Built and pushed on top of its parent as usual.
        case nested
        /// Built in place of the node that was on top of the stack (given, to put back at its end).
        case replacing(xmlNodePtr?)
    }

    /// The open elements deeper than `maxDepth`, by depth (index 0 is depth `maxDepth + 1`).
    private var deep: [Deep] = []
    /// Whether the last thing built was text (more text joins the same node).
    private var inText = false
    /// Depth of libxml2's node stack at which attributed deep elements stop nesting.
    private let nodeStackLimit: Int
    /// Depth of libxml2's stack of open names past which names are taken off at once.
    let nameStackLimit: Int
    /// The same for elements with attributes.
    let attributedNameLimit: Int

    /// libxml2's own callbacks, called for what is kept.
    private var startElement: startElementSAXFunc?
    private var endElement: endElementSAXFunc?
    private var characters: charactersSAXFunc?
    private var cdataBlock: cdataBlockSAXFunc?
    private var comment: commentSAXFunc?
    private var processingInstruction: processingInstructionSAXFunc?

    /// libxml2's `xmlParserMaxDepth` (a global variable Swift 6 will not read unsynchronised).
    static let libxmlMaxDepth = 256

    /// A parser for one document.
    init(limits: ParseLimits) {
        // libxml2 halts the parse when its node stack passes xmlParserMaxDepth (256, without
        // XML_PARSE_HUGE, which Spoor does not set); stay a little below.
        let hard = Self.libxmlMaxDepth - 6
        self.limits = ParseLimits(maxNodes: max(1, limits.maxNodes), maxDepth: min(max(1, limits.maxDepth), hard))
        self.nodeStackLimit = min(self.limits.maxDepth + 48, hard)
        // 512, the depth past which browsers stop nesting too.
        self.nameStackLimit = max(self.limits.maxDepth, 512)
        self.attributedNameLimit = nameStackLimit + 64
    }

    /// Parses `bytes` (UTF-8) with libxml2's forgiving HTML parser and `options`; nil when libxml2
    /// builds nothing (empty input).
    func parse(_ bytes: UnsafeBufferPointer<CChar>, url: String?, options: Int32) -> htmlDocPtr? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        // libxml2 keeps one copy of the text (its input buffer is NUL-terminated, Swift's is not
        // promised to be).
        guard let context = htmlCreateMemoryParserCtxt(base, Int32(clamping: bytes.count)) else { return nil }
        defer { htmlFreeParserCtxt(context) }
        guard let sax = context.pointee.sax else { return nil }
        startElement = sax.pointee.startElement
        endElement = sax.pointee.endElement
        characters = sax.pointee.characters
        cdataBlock = sax.pointee.cdataBlock
        comment = sax.pointee.comment
        processingInstruction = sax.pointee.processingInstruction
        sax.pointee.startElement = { context, name, attributes in
            LimitedHTMLParser.owner(context)?.startElement(context, name, attributes)
        }
        sax.pointee.endElement = { context, name in
            LimitedHTMLParser.owner(context)?.endElement(context, name)
        }
        sax.pointee.characters = { context, text, length in
            LimitedHTMLParser.owner(context)?.text(context, text, length, cdata: false)
        }
        if cdataBlock != nil {
            sax.pointee.cdataBlock = { context, text, length in
                LimitedHTMLParser.owner(context)?.text(context, text, length, cdata: true)
            }
        }
        sax.pointee.comment = { context, value in
            LimitedHTMLParser.owner(context)?.comment(context, value)
        }
        sax.pointee.processingInstruction = { context, target, data in
            LimitedHTMLParser.owner(context)?.processingInstruction(context, target, data)
        }
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        defer { context.pointee._private = nil }
        // What htmlReadMemory(..., "UTF-8", options) does, but for the encoding: the text is UTF-8
        // already, so the context is told so (as libxml2's push parser does) instead of running the
        // text through a UTF-8 to UTF-8 converter into a second buffer; HTML_PARSE_IGNORE_ENC keeps
        // a <meta charset> from switching it to another encoding.
        htmlCtxtUseOptions(context, options | Int32(HTML_PARSE_IGNORE_ENC.rawValue))
        context.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
        if let url, let input = context.pointee.input, input.pointee.filename == nil {
            input.pointee.filename = UnsafePointer(xmlCharStrdup(url).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) })
        }
        withExtendedLifetime(self) { _ = htmlParseDocument(context) }
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        return document
    }

    /// The parser a callback's context belongs to (the SAX2 callbacks get the parser context).
    private static func owner(_ context: UnsafeMutableRawPointer?) -> LimitedHTMLParser? {
        guard let context, let owner = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<LimitedHTMLParser>.fromOpaque(owner).takeUnretainedValue()
    }

    /// Counts `count` more nodes; past the limit, stops the parse and says no.
    private func admit(_ count: Int, _ context: xmlParserCtxtPtr) -> Bool {
        nodes += count
        guard nodes > limits.maxNodes else { return true }
        truncation = .nodes
        xmlStopParser(context)
        return false
    }

    private func startElement(
        _ raw: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard truncation == nil, let raw else { return }
        let context = raw.assumingMemoryBound(to: xmlParserCtxt.self)
        var attributeCount = 0
        if let attributes {
            while attributes[2 * attributeCount] != nil { attributeCount += 1 }
        }
        // libxml2 pushes the element's name before this call: nameNr is its depth.
        let depth = Int(context.pointee.nameNr)
        guard depth > limits.maxDepth else {
            inText = false
            if admit(1 + attributeCount, context) { startElement?(raw, name, attributes) }
            return
        }
        nestingCut += 1
        let keepsName = depth <= nameStackLimit || (attributeCount > 0 && depth <= attributedNameLimit)
            || Self.isRawText(name)
        guard keepsName else {
            // Off libxml2's stack of open names at once; with attributes, built as a leaf.
            Self.popName(context)
            guard attributeCount > 0 else { return }
            inText = false
            guard admit(1 + attributeCount, context) else { return }
            let before = Int(context.pointee.nodeNr)
            startElement?(raw, name, attributes)
            if Int(context.pointee.nodeNr) == before + 1 { _ = nodePop(context) }
            return
        }
        let index = depth - limits.maxDepth - 1
        if deep.count > index { deep.removeSubrange(index...) }
        // Without attributes a deep element is only nesting: no node, its content goes up.
        guard attributeCount > 0 else {
            deep.append(.omitted)
            return
        }
        inText = false
        guard admit(1 + attributeCount, context) else {
            deep.append(.omitted)
            return
        }
        let before = Int(context.pointee.nodeNr)
        if before < nodeStackLimit {
            startElement?(raw, name, attributes)
            deep.append(Int(context.pointee.nodeNr) == before + 1 ? .nested : .omitted)
        } else {
            // The stack is full: attach beside the node on top instead of inside it.
            let top = nodePop(context)
            startElement?(raw, name, attributes)
            if Int(context.pointee.nodeNr) == before {
                deep.append(.replacing(top))
            } else {
                if let top { nodePush(context, top) }
                deep.append(.omitted)
            }
        }
    }

    /// Whether libxml2 reads the element's content as raw text (`script`, `style`): it must stay
    /// on the stack of open names for its content to be read as text.
    private static func isRawText(_ name: UnsafePointer<xmlChar>?) -> Bool {
        guard let name else { return false }
        return xmlStrcasecmp(name, "script") == 0 || xmlStrcasecmp(name, "style") == 0
    }

    /// Takes the element just pushed off libxml2's stack of open names (htmlnamePop, which is
    /// static): the element is not open as far as libxml2 is concerned, its end tag closes
    /// whatever it matches above it or is ignored.
    private static func popName(_ context: xmlParserCtxtPtr) {
        let count = Int(context.pointee.nameNr)
        guard count > 0, let names = context.pointee.nameTab else { return }
        names[count - 1] = nil
        context.pointee.nameNr = Int32(count - 1)
        context.pointee.name = count > 1 ? names[count - 2] : nil
    }

    private func endElement(_ raw: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
        guard truncation == nil, let raw else { return }
        let context = raw.assumingMemoryBound(to: xmlParserCtxt.self)
        // libxml2 pops the element's name after this call: nameNr is still its depth.
        let depth = Int(context.pointee.nameNr)
        guard depth > limits.maxDepth else {
            inText = false
            endElement?(raw, name)
            return
        }
        let index = depth - limits.maxDepth - 1
        guard index < deep.count else { return }
        let element = deep[index]
        deep.removeSubrange(index...)
        switch element {
        case .omitted:
            return
        case .nested:
            inText = false
            endElement?(raw, name)
        case .replacing(let previous):
            inText = false
            endElement?(raw, name)
            if let previous { nodePush(context, previous) }
        }
    }

    private func text(_ raw: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ length: Int32, cdata: Bool) {
        guard truncation == nil, let raw else { return }
        if !inText {
            guard admit(1, raw.assumingMemoryBound(to: xmlParserCtxt.self)) else { return }
            inText = true
        }
        if cdata { cdataBlock?(raw, text, length) } else { characters?(raw, text, length) }
    }

    private func comment(_ raw: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?) {
        guard truncation == nil, let raw else { return }
        inText = false
        if admit(1, raw.assumingMemoryBound(to: xmlParserCtxt.self)) { comment?(raw, value) }
    }

    private func processingInstruction(_ raw: UnsafeMutableRawPointer?, _ target: UnsafePointer<xmlChar>?, _ data: UnsafePointer<xmlChar>?) {
        guard truncation == nil, let raw else { return }
        inText = false
        if admit(1, raw.assumingMemoryBound(to: xmlParserCtxt.self)) { processingInstruction?(raw, target, data) }
    }
}
