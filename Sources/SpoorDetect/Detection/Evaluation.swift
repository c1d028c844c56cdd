/// Precision, recall and F1 of a detector on labelled listings, overall, per language and per tag.
public struct Evaluation: Sendable {
    /// A listing with the verdict expected of it.
    public struct Labelled: Sendable, Decodable {
        /// The listing.
        public var listing: Listing
        /// `true` when it should be flagged.
        public var shouldFlag: Bool
        /// What the line exercises (obfuscation, hard-negative...).
        public var tags: [String]

        enum Keys: String, CodingKey { case label, tags }

        /// Decodes a listing line with `label` (`flag` or `clear`) and optional `tags`.
        public init(from decoder: any Decoder) throws {
            listing = try Listing(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            let label = try c.decode(String.self, forKey: .label)
            guard label == "flag" || label == "clear" else {
                throw DecodingError.dataCorruptedError(forKey: .label, in: c, debugDescription: "label must be flag or clear, not '\(label)'")
            }
            shouldFlag = label == "flag"
            tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        }
    }

    /// Confusion counts and the scores derived from them.
    public struct Counts: Sendable, Hashable, Codable {
        /// Flagged and should be.
        public var truePositives = 0
        /// Flagged but should not be.
        public var falsePositives = 0
        /// Missed.
        public var falseNegatives = 0
        /// Cleared and should be.
        public var trueNegatives = 0

        /// Listings counted.
        public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
        /// Of the flagged, the share that should be (1 when nothing was flagged).
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// Of those that should be flagged, the share that was (1 when none should be).
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// The harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        mutating func add(expected: Bool, got: Bool) {
            switch (expected, got) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    /// A listing the detector got wrong.
    public struct Miss: Sendable, Hashable, Codable {
        /// The listing id.
        public var id: String
        /// What it should have been.
        public var expected: String
        /// The score it got.
        public var score: Double
        /// The language (given or detected).
        public var lang: String
        /// The title.
        public var title: String
        /// The verdict's explanation.
        public var explanation: String
    }

    /// Over all listings.
    public var overall = Counts()
    /// By language (the `lang` given, or the one detected from the script).
    public var byLanguage: [String: Counts] = [:]
    /// By tag.
    public var byTag: [String: Counts] = [:]
    /// Missed flags, lowest score first, then false flags, highest score first.
    public var misses: [Miss] = []

    /// Runs `detector` over every labelled listing.
    public init(detector: Detector, listings: [Labelled]) {
        var falseNegatives: [Miss] = [], falsePositives: [Miss] = []
        for item in listings {
            let verdict = detector.classify(item.listing)
            let lang = item.listing.lang ?? ScriptGuess.language(of: item.listing.title + " " + item.listing.description)
            overall.add(expected: item.shouldFlag, got: verdict.flagged)
            byLanguage[lang, default: Counts()].add(expected: item.shouldFlag, got: verdict.flagged)
            for tag in item.tags { byTag[tag, default: Counts()].add(expected: item.shouldFlag, got: verdict.flagged) }
            if item.shouldFlag != verdict.flagged {
                let miss = Miss(id: item.listing.id, expected: item.shouldFlag ? "flag" : "clear", score: verdict.score,
                                lang: lang, title: item.listing.title, explanation: verdict.explanation)
                if item.shouldFlag { falseNegatives.append(miss) } else { falsePositives.append(miss) }
            }
        }
        misses = falseNegatives.sorted { $0.score < $1.score } + falsePositives.sorted { $0.score > $1.score }
    }
}

/// Guesses a listing's language from its script when no hint is given.
public enum ScriptGuess {
    /// `zh`, `ja`, `ko`, `th`, `ru`, `vi`, or `latin` for other Latin-script text.
    public static func language(of text: String) -> String {
        var han = 0, kana = 0, hangul = 0, thai = 0, cyrillic = 0, vietnamese = 0
        for s in text.unicodeScalars {
            switch s.value {
            case 0x3040...0x30FF: kana += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0xAC00...0xD7A3: hangul += 1
            case 0x0E00...0x0E7F: thai += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x0102, 0x0103, 0x0110, 0x0111, 0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x1EA0...0x1EF9: vietnamese += 1
            default: break
            }
        }
        if kana > 0 { return "ja" }
        let counts = [("zh", han), ("ko", hangul), ("th", thai), ("ru", cyrillic), ("vi", vietnamese)]
        if let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 { return best.0 }
        return "latin"
    }
}
