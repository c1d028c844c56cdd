import Testing
@testable import SpoorMatch

@Suite struct NormalizerTests {
    let normalizer = Normalizer()

    func canon(_ s: String) -> String { normalizer.canonical(s) }

    @Test(arguments: [
        ("IVORY Bangle", "ivory bangle"),
        ("Ｉｖｏｒｙ", "ivory"),                       // full-width Latin (NFKC)
        ("𝐢𝐯𝐨𝐫𝐲", "ivory"),                          // mathematical bold
        ("ﬁne", "fine"),                            // ligature
        ("Straße", "strasse"),
    ])
    func nfkcAndCaseFolding(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("ivoire", "ivoire"), ("ivóire", "ivoire"), ("IVÓIRE", "ivoire"),
        ("ngà voi", "nga voi"), ("sừng tê giác", "sung te giac"), ("đồi mồi", "doi moi"),
        ("e\u{301}le\u{301}phant", "elephant"),   // combining marks after Latin letters
        ("Ελεφαντόδοντο", "ελεφαντοδοντο"),       // Greek tonos stripped, Greek kept
        ("слоновая кость", "слоновая кость"),     // Russian words stay Russian
        ("рог носорога", "рог носорога"),         // even when made only of look-alike letters
    ])
    func diacritics(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test func cjkThaiAndKanaSurviveUntouched() {
        #expect(canon("象牙手镯") == "象牙手镯")
        #expect(canon("犀角 犀牛角") == "犀角 犀牛角")
        #expect(canon("งาช้างแท้") == "งาช้างแท้")        // Thai vowels and tone marks kept
        #expect(canon("ขายนอแรด") == "ขายนอแรด")
        #expect(canon("べっ甲") == "べっ甲")              // dakuten kept (recomposed)
        // Half-width kana to full width, voicing marks composed (bytes, not just canonically equal).
        #expect(Array(canon("ｶﾞ").utf8) == Array("ガ".utf8))
        #expect(Array(canon("ｿﾞｳｹﾞ").utf8) == Array("ゾウゲ".utf8))
        #expect(Array(canon("ﾊﾟﾝ") .utf8) == Array("パン".utf8))
        #expect(Array(canon("か\u{3099}").utf8) == Array("が".utf8))  // decomposed hiragana too
        #expect(canon("상아 팔찌") == "상아 팔찌")
    }

    @Test(arguments: [
        ("іvоry", "ivory"),        // Cyrillic і, о
        ("ivоrу", "ivory"),        // Cyrillic о, у
        ("ΙVΟRΥ", "ivory"),        // Greek capitals mixed with Latin
        ("rhіno horn", "rhino horn"),
        ("рangolin", "pangolin"),  // Cyrillic р
    ])
    func confusables(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("1v0ry", "ivory"), ("iv0ry", "ivory"), ("h0rn", "horn"), ("p@ngolin", "pangolin"),
        ("t1ger", "tiger"), ("3lephant tusk", "elephant tusk"), ("r h 1 n o", "rhino"),
        ("ta$k", "task"), ("Rhin0 h0rn", "rhino horn"), ("Afr!can gr3y", "african grey"), ("熊*胆粉", "熊胆粉"),
    ])
    func leetspeak(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("10cm", "10cm"), ("mp3 player", "mp3 player"), ("4x4", "4x4"), ("$100", "100"),
        ("1,200 USD", "1 200 usd"), ("5kg", "5kg"), ("@tiger_shop", "tiger shop"), ("2024", "2024"),
        ("ps5", "ps5"), ("iphone 7", "iphone 7"), ("win10", "win10"), ("4 x 4 a", "4 x 4 a"), ("x 1 y", "x 1 y"), ("10🐘20", "10 20"),
        ("5*3", "5 3"), ("Wow! Great", "wow great"), ("!important", "important"),
    ])
    func leetspeakLeavesNumbersAlone(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("i.v.o.r.y", "ivory"), ("i-v-o-r-y", "ivory"), ("i v o r y", "ivory"), ("i_v_o_r_y", "ivory"),
        ("I . V . O . R . Y", "ivory"), ("real i.v.o.r.y bangle", "real ivory bangle"),
        ("象.牙", "象牙"), ("e.g. this", "eg this"), ("iv.ory", "ivory"), ("ng.a v.o.i", "nga voi"),
        ("犀_角粉", "犀角粉"), ("象牙，犀角", "象牙 犀角"), ("l'ivoire", "l ivoire"), ("for sale.Contact", "for sale contact"),
        ("rhino-horn", "rhino horn"), ("3-4 pcs", "3 4 pcs"), ("ง า ช้ า ง", "งาช้าง"),
    ])
    func spelledOut(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("iv\u{200B}ory", "ivory"), ("iv\u{200D}ory", "ivory"), ("iv\u{00AD}ory", "ivory"),
        ("iv🐘ory", "ivory"), ("rhino★horn", "rhinohorn"), ("ivory 🐘 bangle", "ivory bangle"),
        ("i🐘v🐘o🐘r🐘y", "ivory"), ("ivory❤️", "ivory"), ("\u{FEFF}ivory", "ivory"),
    ])
    func invisibleCharactersEmojiAndSymbols(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test(arguments: [
        ("ivoooory", "ivory"), ("IVOOOOOORY", "ivory"), ("bekko", "bekko"), ("hooorn", "horn"),
        ("tortoiseshell", "tortoiseshell"), ("猩猩", "猩猩"),
    ])
    func repeatedLetters(input: String, expected: String) {
        #expect(canon(input) == expected)
    }

    @Test func hashtagsAndPunctuation() {
        #expect(canon("#rhinohorn #ivory!!") == "rhinohorn ivory")
        #expect(canon("Tiger's claw, (genuine)") == "tiger s claw genuine")
        #expect(canon("  \n\t ") == "")
        #expect(canon("") == "")
    }

    @Test func sourceRangesPointAtWhatTheSellerWrote() {
        let text = "Real 1v0ry & ｒｈｉｎｏ h.o.r.n"
        let n = normalizer.normalize(text)
        #expect(n.text == "real ivory rhino horn")
        let ivory = n.text.utf8.firstRange(of: "ivory".utf8)!
        let lo = n.text.utf8.distance(from: n.text.utf8.startIndex, to: ivory.lowerBound)
        #expect(n.original(of: lo..<lo + 5, in: text) == "1v0ry")
        #expect(n.original(of: 11..<16, in: text) == "ｒｈｉｎｏ")
        #expect(n.original(of: 17..<21, in: text) == "h.o.r.n")
        #expect(n.original(of: 11..<21, in: text) == "ｒｈｉｎｏ h.o.r.n")
        #expect(n.sourceRange(of: 0..<0) == 0..<0)
    }

    @Test func originalRangesMapOntoNormalizedBytes() {
        let text = "Only $4,500 for Ｉｖｏｒｙ"
        let n = normalizer.normalize(text)
        #expect(n.text == "only 4 500 for ivory")
        let price = n.normalizedRange(covering: 5..<11)  // "$4,500"
        #expect(String(decoding: n.bytes[price], as: UTF8.self) == "4 500")
        let ivory = n.normalizedRange(covering: 16..<31)  // full-width "Ｉｖｏｒｙ"
        #expect(String(decoding: n.bytes[ivory], as: UTF8.self) == "ivory")
        #expect(n.normalizedRange(covering: 4..<5).isEmpty)  // a lone space maps to no word byte
    }

    @Test func squeezedLetterCoversTheWholeRun() {
        let text = "ivoooory"
        let n = normalizer.normalize(text)
        #expect(n.original(of: 0..<5, in: text) == "ivoooory")
        #expect(n.original(of: 2..<3, in: text) == "oooo")
    }

    @Test func foldingLettersLeavesRegexSyntaxAlone() {
        #expect(normalizer.foldingLetters("\\bслоновой кости\\b") == "\\bслоновои кости\\b")
        #expect(normalizer.foldingLetters("(?:IVOIRE|Éléphant)\\B\\p{Han}") == "(?:IVOIRE|elephant)\\B\\p{Han}")
        #expect(normalizer.foldingLetters("象牙|งาช้าง") == "象牙|งาช้าง")
    }

    @Test func optionsSwitchStepsOff() {
        var options = Normalizer.Options()
        options.leetspeak = false
        options.joinSpelledOut = false
        options.foldConfusables = false
        options.squeezeRepeats = false
        let plain = Normalizer(options: options)
        #expect(plain.canonical("1v0ry") == "1v0ry")
        #expect(plain.canonical("i.v.o.r.y") == "i v o r y")
        #expect(plain.canonical("іvory") == "іvory")
        #expect(plain.canonical("ivoooory") == "ivoooory")
    }
}
