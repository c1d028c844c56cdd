/// Translates the common subset of CSS selectors into XPath 1.0.
///
/// Supported: type and `*`, `.class`, `#id`, `[attr]`, `[attr=v]`, `[attr~=v]`, `[attr^=v]`,
/// `[attr*=v]`, `[attr$=v]`, descendant, `>`, `+`, `~`, `,`, `:first-child`, `:last-child`,
/// `:nth-child(n|odd|even)`, `:not(simple)`, and the scraping extensions `::text` and
/// `::attr(name)` at the end of a selector. Anything else throws ``CSSSelectorError``.
public enum CSSSelector {
    /// The XPath equivalent of `selector`, relative to the context node (`.//…`).
    public static func xpath(_ selector: String) throws(CSSSelectorError) -> String {
        var parser = CSSParser(selector)
        return try parser.parseGroup()
    }
}

/// A CSS selector that could not be translated, with the offset and reason.
public struct CSSSelectorError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The selector text.
    public var selector: String
    /// The character offset where the problem was found.
    public var offset: Int
    /// What was wrong.
    public var message: String

    /// `message at offset N in 'selector'`.
    public var description: String { "\(message) at offset \(offset) in '\(selector)'" }
}

/// A recursive-descent parser over the selector's characters, producing XPath text.
struct CSSParser {
    let source: String
    let chars: [Character]
    var index = 0

    init(_ source: String) {
        self.source = source
        // CSS Syntax §3.3: U+0000 reads as U+FFFD (a NUL would cut the XPath short in libxml2).
        if source.utf8.contains(0) {
            self.chars = Array(String(String.UnicodeScalarView(source.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 })))
        } else {
            self.chars = Array(source)
        }
    }

    func fail(_ message: String) -> CSSSelectorError {
        CSSSelectorError(selector: source, offset: index, message: message)
    }

    var atEnd: Bool { index >= chars.count }
    var current: Character? { atEnd ? nil : chars[index] }

    mutating func skipSpaces() -> Bool {
        let start = index
        while let c = current, c.isWhitespace { index += 1 }
        return index > start
    }

    /// selector (',' selector)*
    mutating func parseGroup() throws(CSSSelectorError) -> String {
        guard chars.contains(where: { !$0.isWhitespace }) else { throw fail("empty selector") }
        // XPath strings and names hold only XML characters: no C0 controls but tab, LF and CR, no U+FFFE/U+FFFF.
        if let bad = chars.firstIndex(where: { $0.unicodeScalars.contains { !Self.isXMLCharacter($0) } }) {
            let scalar = chars[bad].unicodeScalars.first { !Self.isXMLCharacter($0) }!
            index = bad
            throw fail("character U+\(String(scalar.value, radix: 16, uppercase: true)) cannot be matched in XPath")
        }
        var parts: [String] = []
        repeat {
            _ = skipSpaces()
            parts.append(try parseComplex())
            _ = skipSpaces()
            if current == "," { index += 1; continue }
            if !atEnd { throw fail("unexpected '\(current!)'") }
        } while !atEnd
        return parts.joined(separator: " | ")
    }

    /// compound (combinator compound)* [pseudo-element]
    mutating func parseComplex() throws(CSSSelectorError) -> String {
        var xpath = ".//" + (try parseCompound())
        while true {
            let spaced = skipSpaces()
            guard let c = current, c != "," else { break }
            if c == ":" && index + 1 < chars.count && chars[index + 1] == ":" {
                xpath += try parsePseudoElement()
                _ = skipSpaces()
                if !atEnd && current != "," { throw fail("a pseudo-element must end the selector") }
                break
            }
            switch c {
            case ">":
                index += 1; _ = skipSpaces()
                xpath += "/" + (try parseCompound())
            case "+":
                index += 1; _ = skipSpaces()
                let (name, predicates) = try parseCompoundParts()
                xpath += "/following-sibling::*[1]/self::" + name + predicates
            case "~":
                index += 1; _ = skipSpaces()
                xpath += "/following-sibling::" + (try parseCompound())
            default:
                guard spaced else { throw fail("unexpected '\(c)'") }
                xpath += "//" + (try parseCompound())
            }
        }
        return xpath
    }

    /// `::text` or `::attr(name)`.
    mutating func parsePseudoElement() throws(CSSSelectorError) -> String {
        index += 2
        let name = parseIdentifier()
        switch name {
        case "text": return "/text()"
        case "attr":
            guard current == "(" else { throw fail("'::attr' needs a name in parentheses") }
            index += 1
            let attribute = parseIdentifier()
            guard !attribute.isEmpty, current == ")" else { throw fail("bad '::attr(name)'") }
            index += 1
            return "/" + attributeTest(attribute)
        default: throw fail("unsupported pseudo-element '::\(name)'")
        }
    }

    mutating func parseCompound() throws(CSSSelectorError) -> String {
        let (name, predicates) = try parseCompoundParts()
        return name + predicates
    }

    /// A type (or `*`) followed by any number of simple conditions, as a node test and predicates.
    mutating func parseCompoundParts() throws(CSSSelectorError) -> (String, String) {
        var name = "*"
        var predicates = ""
        // Whether the compound has anything at all (a type, `*` or a condition).
        var any = false
        if current == "*" {
            index += 1
            any = true
        } else if let c = current, isIdentifierStart(c) {
            name = nameTest(parseIdentifier().lowercased())
            any = true
        }
        while let c = current, c == "." || c == "#" || c == "[" || (c == ":" && !isPseudoElementAhead) {
            predicates += "[" + (try parseCondition()) + "]"
            any = true
        }
        if !any { throw fail(atEnd ? "selector ends where a type, class, id or attribute was expected" : "unexpected '\(current!)'") }
        return (name, predicates)
    }

    var isPseudoElementAhead: Bool { index + 1 < chars.count && chars[index + 1] == ":" }

    /// One simple condition (class, id, attribute, pseudo-class) as an XPath boolean expression.
    mutating func parseCondition() throws(CSSSelectorError) -> String {
        let c = chars[index]
        index += 1
        switch c {
        case ".":
            let name = parseIdentifier()
            guard !name.isEmpty else { throw fail("'.' needs a class name") }
            return "contains(concat(' ', normalize-space(@class), ' '), \(literal(" " + name + " ")))"
        case "#":
            let name = parseIdentifier()
            guard !name.isEmpty else { throw fail("'#' needs an id") }
            return "@id = \(literal(name))"
        case "[":
            return try parseAttribute()
        default:
            return try parsePseudoClass()
        }
    }

    mutating func parseAttribute() throws(CSSSelectorError) -> String {
        _ = skipSpaces()
        let name = parseIdentifier().lowercased()
        guard !name.isEmpty else { throw fail("'[' needs an attribute name") }
        _ = skipSpaces()
        let attribute = attributeTest(name)
        if current == "]" { index += 1; return attribute }
        var op = ""
        if let c = current, "^$*~|".contains(c) { op.append(c); index += 1 }
        guard current == "=" else { throw fail("expected '=', '^=', '$=', '*=' or '~=' in an attribute selector") }
        index += 1
        _ = skipSpaces()
        let value = try parseValue()
        _ = skipSpaces()
        if let c = current, c == "i" || c == "s", index + 1 < chars.count, chars[index + 1] == "]" || chars[index + 1] == " " {
            throw fail("attribute case flags are not supported")
        }
        guard current == "]" else { throw fail("expected ']'") }
        index += 1
        let v = literal(value)
        switch op {
        case "": return "\(attribute) = \(v)"
        case "^": return "starts-with(\(attribute), \(v))"
        case "*": return "contains(\(attribute), \(v))"
        case "$":
            return "substring(\(attribute), string-length(\(attribute)) - string-length(\(v)) + 1) = \(v)"
        case "~": return "contains(concat(' ', normalize-space(\(attribute)), ' '), \(literal(" " + value + " ")))"
        default: return "(\(attribute) = \(v) or starts-with(\(attribute), \(literal(value + "-"))))"
        }
    }

    mutating func parseValue() throws(CSSSelectorError) -> String {
        if let quote = current, quote == "\"" || quote == "'" {
            index += 1
            var value = ""
            while let c = current, c != quote {
                if c == "\\", index + 1 < chars.count { index += 1; value.append(chars[index]) } else { value.append(c) }
                index += 1
            }
            guard current == quote else { throw fail("unterminated string") }
            index += 1
            return value
        }
        let value = parseIdentifier()
        guard !value.isEmpty else { throw fail("expected an attribute value") }
        return value
    }

    mutating func parsePseudoClass() throws(CSSSelectorError) -> String {
        let name = parseIdentifier().lowercased()
        switch name {
        case "first-child": return "not(preceding-sibling::*)"
        case "last-child": return "not(following-sibling::*)"
        case "only-child": return "not(preceding-sibling::*) and not(following-sibling::*)"
        case "nth-child":
            let argument = try parseParenthesised().lowercased().filter { !$0.isWhitespace }
            switch argument {
            case "odd": return "count(preceding-sibling::*) mod 2 = 0"
            case "even": return "count(preceding-sibling::*) mod 2 = 1"
            default:
                guard let n = Int(argument), n > 0 else {
                    throw fail("':nth-child' supports a positive number, odd or even, not '\(argument)'")
                }
                return "count(preceding-sibling::*) = \(n - 1)"
            }
        case "not":
            guard current == "(" else { throw fail("':not' needs a selector in parentheses") }
            index += 1
            _ = skipSpaces()
            let (type, predicates) = try parseCompoundParts()
            _ = skipSpaces()
            guard current == ")" else { throw fail("':not' supports one simple selector") }
            index += 1
            var parts: [String] = []
            if type != "*" { parts.append("self::" + type) }
            // Predicates come as "[a][b]"; inside not() they are joined with and.
            if !predicates.isEmpty {
                parts.append(String(predicates.dropFirst().dropLast()).replacingOccurrences(of: "][", with: ") and ("))
            }
            // `:not(*)`: every element is one, so nothing is selected.
            if parts.isEmpty { return "false()" }
            return "not((" + parts.joined(separator: ") and (") + "))"
        case "":
            throw fail("':' needs a pseudo-class name")
        default:
            throw fail("unsupported pseudo-class ':\(name)'")
        }
    }

    mutating func parseParenthesised() throws(CSSSelectorError) -> String {
        guard current == "(" else { throw fail("expected '('") }
        index += 1
        var text = ""
        while let c = current, c != ")" { text.append(c); index += 1 }
        guard current == ")" else { throw fail("expected ')'") }
        index += 1
        return text
    }

    func isIdentifierStart(_ c: Character) -> Bool { c.isLetter || c == "_" || c == "-" || !c.isASCII }

    mutating func parseIdentifier() -> String {
        var out = ""
        while let c = current, c.isLetter || c.isNumber || c == "-" || c == "_" || !c.isASCII {
            out.append(c)
            index += 1
        }
        return out
    }

    /// An element name as an XPath node test: the name itself when XPath can spell it (an ASCII
    /// name starting with a letter or `_`), else `*[local-name() = 'name']`, which selects the
    /// same elements. CSS takes identifiers XPath names cannot be (`-x`, `é×`, `\u{FFFD}`).
    func nameTest(_ name: String) -> String {
        Self.isXPathName(name) ? name : "*[local-name() = \(literal(name))]"
    }

    /// An attribute name as an XPath expression: `@name`, or `@*[local-name() = 'name']` for a
    /// name XPath cannot spell (`[1]`, `[×]`).
    func attributeTest(_ name: String) -> String {
        Self.isXPathName(name) ? "@" + name : "@*[local-name() = \(literal(name))]"
    }

    /// Whether XML (and so an XPath string) can hold `scalar`.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: return true
        default: return false
        }
    }

    /// Whether `name` is an ASCII XML name without a colon: a letter or `_`, then letters,
    /// digits, `-`, `_` or `.`.
    static func isXPathName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == 0x5F || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else { return false }
        return name.utf8.allSatisfy { b in
            b == 0x5F || b == 0x2D || b == 0x2E || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
        }
    }

    /// `text` as an XPath string literal (concat() when it holds both quote kinds).
    ///
    /// Quotes are looked for among scalars, not characters: a quote with a combining mark on it
    /// (`'\u{326}`) is one Character that is not `'`, yet its quote still ends an XPath string.
    func literal(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if !scalars.contains("'") { return "'\(text)'" }
        if !scalars.contains("\"") { return "\"\(text)\"" }
        let pieces = scalars.split(separator: "'", omittingEmptySubsequences: false)
            .map { "'" + String(String.UnicodeScalarView($0)) + "'" }
        return "concat(" + pieces.joined(separator: ", \"'\", ") + ")"
    }
}

import Foundation
