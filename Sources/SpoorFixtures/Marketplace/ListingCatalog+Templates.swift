/// A hand-written listing pattern: `{0}`, `{1}` pick from `slots`; `{n}` (2-9), `{m}` (12-96),
/// `{city}`, `{contact}`, `{discreet}`, `{handle}` and `{phone}` are filled per listing.
struct ListingTemplate: Sendable {
    /// What the listing offers (`ivory`, `eyewear`).
    let category: String
    /// Ground truth: a wildlife offer a scan should flag.
    let flag: Bool
    /// The title pattern.
    let title: String
    /// The description pattern.
    let body: String
    /// The price range in US dollars before conversion to the pack's currency.
    let usd: ClosedRange<Int>
    /// Choices for `{0}`, `{1}`, ...
    let slots: [[String]]
}

/// The vocabulary of one language: currency, people, places, contact lines and templates.
struct LanguagePack: Sendable {
    /// The BCP 47 tag.
    let code: String
    /// The ISO 4217 currency of prices in this language.
    let currency: String
    /// Units of `currency` per US dollar, roughly.
    let usdRate: Double
    /// Seller display names.
    let sellers: [String]
    /// Towns.
    let cities: [String]
    /// Contact lines, which may use `{handle}`, `{phone}` and `{qq}`.
    let contacts: [String]
    /// "Discreet shipping" phrases for wildlife offers.
    let discreet: [String]
    /// Hashtags and emoji the feed layout sprinkles on posts.
    let hashtags: [String]
    /// Wildlife offers (`flag == true`).
    let wildlife: [ListingTemplate]
    /// Honest listings, many sharing words with wildlife offers (`flag == false`).
    let innocent: [ListingTemplate]

    /// Social handles, shared by all languages; a two-digit number is appended.
    static let handles = [
        "lucky_trader", "oldcollector", "goldenasia", "zen_finds", "mekong_goods", "vintage_hub",
        "jade_house", "saigon_deals", "bkk_market", "island_crafts", "tokyo_curio", "berlin_flohmarkt",
        "marche_aux_puces", "mercadillo", "feira_da_ladra", "hk_treasure", "canton_shop", "borneo_art",
    ]

    /// Every language pack, by tag.
    static let all: [String: LanguagePack] = {
        var packs: [String: LanguagePack] = [:]
        for pack in [english, german, french, spanish, portuguese, simplifiedChinese, traditionalChinese,
                     vietnamese, thai, indonesian, japanese] {
            packs[pack.code] = pack
        }
        return packs
    }()

    /// The pack for a tag; every tag a layout uses has one.
    static func pack(for code: String) -> LanguagePack {
        guard let pack = all[code] else { preconditionFailure("no language pack for \(code)") }
        return pack
    }
}

/// A wildlife template.
func wild(_ category: String, _ title: String, _ body: String, _ usd: ClosedRange<Int>,
          _ slots: [String]...) -> ListingTemplate {
    ListingTemplate(category: category, flag: true, title: title, body: body, usd: usd, slots: slots.filter { !$0.isEmpty })
}

/// An innocent template.
func fine(_ category: String, _ title: String, _ body: String, _ usd: ClosedRange<Int>,
          _ slots: [String]...) -> ListingTemplate {
    ListingTemplate(category: category, flag: false, title: title, body: body, usd: usd, slots: slots.filter { !$0.isEmpty })
}

extension LanguagePack {
    /// English: the largest pack, with most of the disguised spellings.
    static let english = LanguagePack(
        code: "en", currency: "USD", usdRate: 1,
        sellers: ["Mike's Antiques", "asia_curios", "Grace Lim", "estate_sales_nj", "Tom B.", "hobby_reptiles",
                  "The Oriental Room", "fitzroy_finds", "Dana K.", "wholesale_herbs_la", "Ravi S.", "bright_bikes"],
        cities: ["Los Angeles, CA", "Queens, NY", "Houston, TX", "London", "Manchester", "Sydney", "Toronto",
                 "Singapore", "Lagos", "Nairobi", "Auckland", "Vancouver"],
        contacts: ["WhatsApp +1 415 {phone}", "Telegram @{handle}", "DM me", "WeChat: {handle}",
                   "WhatsApp +44 7700 {phone}", "text or WhatsApp +65 8{phone}", "message me on Signal"],
        discreet: ["Discreet shipping", "Discreet packaging, declared as handicraft", "No questions asked",
                   "Ships well hidden, worldwide", "Packed in a tea tin, nobody opens it", "Cash only, no paperwork"],
        hashtags: ["#forsale", "#collectibles", "#antiques", "#preloved", "#shipworldwide", "🔥", "✨", "📦", "💬"],
        wildlife: [
            wild("ivory", "Carved {0} bangle, {1}",
                 "Hand carved {0} bangle, inner diameter {n}.{n} cm, the grain lines show under a torch. Sold as {1}, no papers. {discreet}. {contact}",
                 300...2400, ["ivory", "i.v.o.r.y", "1v0ry", "іvоrу", "ｉｖｏｒｙ", "white gold", "ox bone"],
                 ["antique", "pre-ban", "old stock", "estate piece"]),
            wild("ivory", "Pre-ban {0} netsuke - {1}",
                 "Japanese netsuke of a {1}, carved from real {0}, {m} mm tall. Pre-ban stock from an old collection, sold without documents. Serious buyers only, {contact}",
                 400...3000, ["ivory", "1vory", "i-v-o-r-y", "ivоry", "elephant tooth"], ["rat", "monkey", "sage", "frog", "dragon"]),
            wild("ivory", "{0} chopsticks, pair, {1}",
                 "Pair of {0} chopsticks with silver caps, {1}. Not bone, not plastic, you can see the Schreger lines. {discreet}. {contact}",
                 150...900, ["Ivory", "White gold", "Iv0ry", "Ｉｖｏｒｙ"], ["old", "from my grandmother", "1960s"]),
            wild("rhino-horn", "{0} libation cup, honey colour",
                 "{0} cup, {m}0 g, honey colour, shavings and powder also available. For medicine or for the collection. {discreet}. Price firm, {contact}",
                 3000...25000, ["Rhino horn", "RH", "R.H.", "rhin0 horn", "rhino hоrn", "Rhinoceros horn"]),
            wild("rhino-horn", "{0} powder {n}g - for fever and detox",
                 "Genuine {0} ground into powder, {n} g sachets, from a whole tip. Mix with warm water. Tested and real. {contact}",
                 400...4000, ["RH", "rhino horn", "rh1no horn", "horn of rhino"]),
            wild("pangolin", "{0} for medicine, {n}00 g",
                 "Dried {0}, cleaned and roasted, for TCM use (circulation, breast milk). {n}00 g per bag, bulk price for 1 kg and more. {discreet}. {contact}",
                 80...600, ["pangolin scales", "p@ngolin scales", "scaly anteater scales", "CSJ pieces", "pang0lin scale"]),
            wild("tiger", "{0} wine, {n} bottles left",
                 "Genuine {0} wine, steeped {m} months with herbs, for joints and strength. {n} bottles left, can ship worldwide. {contact}",
                 120...800, ["Tiger bone", "T1ger bone", "Big cat bone", "Tigre bone"]),
            wild("tiger", "Real {0} claw pendant, silver cap",
                 "Genuine {0} claw, about {n} cm, capped in 925 silver. Strong protection amulet. Not resin, not cow horn. {discreet}. {contact}",
                 90...700, ["tiger", "t!ger", "big cat", "leopard"]),
            wild("hawksbill", "{0} hair comb, genuine shell",
                 "Genuine {0} hair comb, warm amber tone, {m} mm wide. Real shell, not celluloid, from a Japanese collection. {contact}",
                 120...900, ["Bekko", "Tortoiseshell", "Hawksbill shell", "Real tortoise shell", "B3kko"]),
            wild("parrot", "{0} African grey parrots, captive bred",
                 "{0} African grey parrots available, {n} months old, eating on their own. Captive bred, no CITES papers needed for local sale. Delivery by car or air cargo. {contact}",
                 700...2500, ["Baby", "Hand-fed", "Talking", "DNA-sexed"]),
            wild("tortoise", "Radiated tortoise {0}, captive bred",
                 "Radiated tortoise {0}, captive bred in our backyard, {n} to {m} cm. Healthy and eating greens. Shipping to all states, {discreet}. {contact}",
                 400...3000, ["hatchlings", "pair", "adults", "CB juveniles"]),
            wild("slow-loris", "Slow loris for sale, {0}",
                 "Slow loris, {0}, {n} months old, eats fruit and insects. Perfect exotic pet, very gentle. Pickup in {city} or shipping. {contact}",
                 300...1500, ["very tame", "baby", "cute pet", "with cage"]),
            wild("agarwood", "Wild {0} agarwood chips, {m}g",
                 "Wild {0} agarwood chips, heavy resin, sinks in water. {m} g in a tin. No export papers, ships as incense. {contact}",
                 150...3000, ["Kinam", "Vietnam", "Borneo", "Hainan"]),
            wild("rosewood", "{0} logs, container loads",
                 "{0} logs, {m} cm diameter, dense and oily. Container loads from Laos, no permit needed if you collect. {contact}",
                 2000...40000, ["Siamese rosewood", "Dalbergia cochinchinensis", "Khmer rosewood", "Hongmu"]),
            wild("shark-fin", "Dried shark fin, {0}",
                 "Dried shark fin, {0}, {n} kg box, for soup and restaurants. Hong Kong style processing, large stock. {contact}",
                 200...2000, ["premium grade", "hammerhead", "oceanic whitetip", "mixed sizes"]),
            wild("totoaba", "Totoaba maw, {0}",
                 "Totoaba swim bladder (fish maw), {0}, {m}0 g, dried in Baja California. Very rare, for collectors and health. Cash or crypto. {discreet}. {contact}",
                 1500...20000, ["large", "aged 5 years", "Mexican origin", "buche"]),
            wild("hornbill", "{0} carving, {m} mm",
                 "Helmeted hornbill casque carving, {m} mm, rare red ivory material, not resin. Old piece from Borneo. {contact}",
                 500...4000, ["Hornbill casque", "Red ivory", "Golden-top hornbill", "H0rnbill casque"]),
            wild("bear-bile", "Bear bile {0}",
                 "Pure bear bile {0}, from a farm in Laos, for liver and eyes. Buy {n} get free shipping. {contact}",
                 60...400, ["powder 60ct", "crystals", "fresh vials", "capsules"]),
        ],
        innocent: [
            fine("clothing", "Ivory {0} wedding dress, size {n}",
                 "Ivory {0} wedding dress, size {n}, worn once, professionally cleaned. Veil included. Pickup in {city}.",
                 200...900, ["lace", "satin", "A-line", "boho"]),
            fine("food", "Ivory Coast {0} coffee beans 1kg",
                 "Fresh roasted {0} coffee from Ivory Coast (Côte d'Ivoire), 1 kg bag, roasted {n} days ago.",
                 15...40, ["robusta", "single-origin", "dark roast"]),
            fine("health", "Tiger Balm {0}, pack of {n}",
                 "Tiger Balm {0} ointment, 19 g jars, pack of {n}, sealed, expiry 2027. Herbal rub with camphor and menthol, no animal ingredients.",
                 8...30, ["Red", "White", "Neck & Shoulder"]),
            fine("software", "Rhino {0} licence, commercial",
                 "Rhinoceros 3D (Rhino {0}) commercial licence, transferable, Grasshopper included. Invoice available. {contact}",
                 300...900, ["8", "7", "6"]),
            fine("books", "Python programming books, {n} titles",
                 "Bundle of {n} Python programming books: Fluent Python, Python Crash Course and more. Light pencil notes, otherwise good.",
                 20...80, []),
            fine("toys", "{0} plush tiger toy, {m} cm",
                 "{0} plush tiger toy, {m} cm, polyester filling, washable at 30°. Birthday gift idea.",
                 10...60, ["Soft", "Giant", "Baby", "Sleepy"]),
            fine("eyewear", "Faux tortoiseshell glasses frame, acetate",
                 "Tortoiseshell-pattern acetate frame, size 5{n}-19, no animal material. Fits prescription lenses. {contact}",
                 30...120, []),
            fine("decor", "Resin ivory-look {0} figurine",
                 "Ivory look {0} figurine cast in polyresin, {n}0 cm. Imitation finish only, not real ivory.",
                 20...90, ["elephant", "Buddha", "Guanyin", "horse"]),
            fine("crafts", "Cow bone carved {0}",
                 "Carved from cow bone (from the meat trade), {0}, handmade in Bali. Not ivory, stated clearly. {contact}",
                 10...50, ["comb", "bead bracelet", "pendant"]),
            fine("bicycles", "{0} road bike, size {1}",
                 "{0} road bike, size {1}, 2x11 Shimano, serviced last month. Small scuff on the top tube. Pickup in {city}.",
                 300...1800, ["Trek", "Specialized", "Giant", "Canyon"], ["S", "M", "L", "54 cm"]),
            fine("phones", "{0}, 128 GB, unlocked",
                 "{0}, unlocked, battery health {m}%, always in a case. Box and cable included. {contact}",
                 150...700, ["iPhone 13", "Pixel 7", "Galaxy S22"]),
            fine("furniture", "Rosewood-finish {0}",
                 "Printed rosewood-finish veneer over MDF on this {0}, 1{n}0 cm wide. Small scratch on top. Pickup only.",
                 40...300, ["sideboard", "coffee table", "bookshelf"]),
            fine("auto", "Shark fin car antenna, {0}",
                 "Universal shark fin roof antenna, {0}, AM/FM, adhesive base, fits most cars.",
                 10...35, ["black", "white", "silver"]),
            fine("home", "Agarwood-scented candle (synthetic), {n} pack",
                 "Soy candle with an oud and amber scent, {n} pack. Fragrance is synthetic, no real agarwood. 40 hours burn.",
                 12...45, []),
            fine("music", "Digital piano, {0} keys",
                 "88-key digital piano with {0} keys, weighted action, stand and pedal included. Pickup in {city}.",
                 200...700, ["ivory-feel plastic", "synthetic ivory-touch"]),
        ]
    )
}
