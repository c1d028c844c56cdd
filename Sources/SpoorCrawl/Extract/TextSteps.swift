/// Text clean-up and number parsing shared by site profiles and structured data.
public enum TextSteps {
    /// `text` with runs of whitespace (including no-break and zero-width spaces) collapsed to one space, trimmed.
    public static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` without leading and trailing whitespace.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whitespace for clean-up purposes: Unicode white space plus zero-width space and BOM.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
    }

    /// The first number in `text`, reading `.` and `,` as the page's locale does.
    ///
    /// With both separators the last one is the decimal mark (`1.234,56` and `1,234.56`); one
    /// separator followed by exactly three digits, or repeated, groups thousands (`1.234`, `1,234,567`);
    /// otherwise it is the decimal mark (`10,79`). `decimalMark` forces the reading.
    public static func number(in text: String, decimalMark: Character? = nil) -> Double? {
        let chars = Array(text)
        guard let start = chars.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        var end = start
        var run = ""
        while end < chars.count {
            let c = chars[end]
            if c.isASCII && c.isNumber || c == "." || c == "," || c == "'" || c == "’" {
                run.append(c)
            } else if (c == " " || c == "\u{00A0}" || c == "\u{202F}") && end + 1 < chars.count
                && chars[end + 1].isASCII && chars[end + 1].isNumber && groupedBySpace(chars, end)
            {
                // 1 234,56: a space between digit groups of three.
            } else {
                break
            }
            end += 1
        }
        while let last = run.last, !(last.isASCII && last.isNumber) { run.removeLast() }
        run.removeAll { $0 == "'" || $0 == "’" }
        let decimal: Character?
        if let decimalMark {
            decimal = decimalMark
        } else {
            let lastDot = run.lastIndex(of: "."), lastComma = run.lastIndex(of: ",")
            switch (lastDot, lastComma) {
            case let (dot?, comma?): decimal = dot > comma ? "." : ","
            case (let dot?, nil): decimal = isDecimal(run, at: dot, mark: ".") ? "." : nil
            case (nil, let comma?): decimal = isDecimal(run, at: comma, mark: ",") ? "," : nil
            case (nil, nil): decimal = nil
            }
        }
        var plain = ""
        for c in run {
            if c.isNumber { plain.append(c) } else if c == decimal { plain.append(".") }
        }
        return Double(plain)
    }

    /// Whether a lone separator at `index` reads as a decimal mark: it occurs once and is not
    /// followed by exactly three digits.
    private static func isDecimal(_ run: String, at index: String.Index, mark: Character) -> Bool {
        if run.filter({ $0 == mark }).count > 1 { return false }
        let after = run[run.index(after: index)...]
        return after.count != 3
    }

    /// Whether the space at `index` separates digit groups (three digits follow it).
    private static func groupedBySpace(_ chars: [Character], _ index: Int) -> Bool {
        var count = 0
        var i = index + 1
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { count += 1; i += 1 }
        return count == 3
    }

    /// The currency a price text names: an ISO 4217 code or a symbol (`€` EUR, `$` USD, `£` GBP...).
    public static func currency(in text: String) -> String? {
        let upper = text.uppercased()
        var word = ""
        for c in upper + " " {
            if c.isLetter && c.isASCII {
                word.append(c)
            } else {
                if word.count == 3, isoCodes.contains(word) { return word }
                word = ""
            }
        }
        for (symbol, code) in symbols where text.contains(symbol) { return code }
        return nil
    }

    /// Codes recognised in price text.
    static let isoCodes: Set<String> = [
        "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "RMB", "HKD", "AUD", "CAD", "NZD", "SGD", "INR", "IDR", "MYR",
        "THB", "VND", "PHP", "KRW", "TWD", "ZAR", "NGN", "KES", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "RUB",
        "UAH", "PLN", "CZK", "HUF", "RON", "BGN", "SEK", "NOK", "DKK", "TRY", "AED", "SAR", "ILS", "EGP",
    ]

    /// Symbols, longest first so `US$` wins over `$`.
    static let symbols: [(String, String)] = [
        ("US$", "USD"), ("C$", "CAD"), ("A$", "AUD"), ("HK$", "HKD"), ("R$", "BRL"), ("€", "EUR"), ("£", "GBP"),
        ("¥", "JPY"), ("₹", "INR"), ("₽", "RUB"), ("₺", "TRY"), ("₩", "KRW"), ("₫", "VND"), ("₦", "NGN"),
        ("zł", "PLN"), ("$", "USD"),
    ]
}
