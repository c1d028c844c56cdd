/// Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) from UTF-8 bytes.
struct CSVReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0
    /// The 1-based line the next record starts on (for error messages).
    private(set) var line = 1
    /// The line of a quoted field that was still open at the end of the input, if any.
    private(set) var unclosedQuoteLine: Int?

    /// Reads records from `bytes`; a UTF-8 byte-order mark is skipped.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next record's fields, or `nil` at the end.
    mutating func next() -> [String]? {
        guard position < bytes.count else { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if quoted {
                if b == 0x22 {
                    if position < bytes.count && bytes[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where field.isEmpty:
                quoted = true
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case 0x0A:
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            case 0x0D where position < bytes.count && bytes[position] == 0x0A:
                continue
            default:
                field.append(b)
            }
        }
        if quoted { unclosedQuoteLine = line }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
