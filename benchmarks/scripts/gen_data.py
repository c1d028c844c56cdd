#!/usr/bin/env python3
"""Deterministic benchmark data for the Spoor matcher.

Writes into benchmarks/.data/ (gitignored):

  patterns-3k.txt    3 000 distinct terms (trade terms, animals, common names)
  patterns-30k.txt  30 000 distinct terms (superset of 3k)
  patterns-100k.txt 100 000 distinct terms (superset of 30k)
  haystack.txt      normalized marketplace listings, exactly --mb MiB

Everything is *normalized* the way Spoor's matcher sees it: lowercase, runs of
punctuation/whitespace turned into one space, digits kept, non-Latin scripts kept
as UTF-8.  One listing per line ("\n" separates listings).

Pattern source: the CITES species index at
  <repo>/../shared/data/cites/Index_of_CITES_Species_2017-04-21.csv.gz
(scientific names, synonyms without authors, English/Spanish/French common
names) plus hand-written multilingual trade terms and animal+product combos,
padded with pseudo-Latin binomials.  Without that file every term is
synthesized from syllables.

Usage: gen_data.py [--mb 128] [--haystack-name haystack.txt] [--seed N]
                   [--out DIR] [--no-haystack] [--no-patterns]
"""

import argparse
import csv
import gzip
import json
import os
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CITES_CSV = REPO.parent / "shared" / "data" / "cites" / "Index_of_CITES_Species_2017-04-21.csv.gz"
DEFAULT_OUT = REPO / "benchmarks" / ".data"
SEED = 20170421
MIN_PATTERN_BYTES = 4          # shorter terms ("ara", "boa", "pan") are not used
SET_SIZES = {"3k": 3_000, "30k": 30_000, "100k": 100_000}


# --------------------------------------------------------------------------
# normalization (same contract as Spoor's normalizer, approximately)
# --------------------------------------------------------------------------

def normalize(s: str) -> str:
    """lowercase; anything that is not a letter, combining mark or digit -> space;
    collapse spaces.  Combining marks must survive (Thai vowels/tones, Hindi...)."""
    out = []
    for ch in s.lower():
        cat = unicodedata.category(ch)
        if cat[0] in "LMN":
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def W(s: str) -> list:
    """'a, b c, d' -> ['a', 'b c', 'd'] (comma separated word/phrase list)."""
    return [normalize(x) for x in s.split(",") if x.strip()]


# --------------------------------------------------------------------------
# trade terms: product words in several languages (always in every set)
# --------------------------------------------------------------------------

TRADE_TERMS = {
    "en": W("""ivory, raw ivory, carved ivory, ivory carving, ivory carvings, ivory bangle, ivory bracelet,
        ivory beads, ivory chopsticks, ivory figurine, ivory netsuke, ivory tusk, mammoth ivory, elephant ivory,
        old ivory, antique ivory, ivory chess set, tusk, tusks, elephant tusk, elephant tusks, elephant hair bracelet,
        horn, rhino horn, rhinoceros horn, rhino horn powder, horn powder, horn cup, libation cup, rhino, rhinoceros,
        tiger, tiger bone, tiger bone wine, tiger bone glue, tiger skin, tiger pelt, tiger claw, tiger claws,
        tiger tooth, tiger teeth, tiger penis, tiger cub, tiger cubs, leopard, leopard skin, leopard fur, leopard claw,
        snow leopard, clouded leopard, jaguar, jaguar fang, jaguar skin, lion bone, lion cub, cheetah cub, pangolin,
        pangolin scales, pangolin scale, pangolin meat, pangolin skin, bear bile, bear gall, bear paw, bear paws,
        bear bile powder, shark fin, shark fins, dried shark fin, shark fin soup, totoaba, totoaba maw, fish maw,
        swim bladder, manta gill, gill plates, hawksbill, hawksbill shell, tortoiseshell, tortoise shell, turtle shell,
        sea turtle, turtle eggs, turtle, tortoise, star tortoise, radiated tortoise, ploughshare tortoise,
        helmeted hornbill, hornbill casque, red ivory, hornbill, coral, red coral, black coral, precious coral,
        coral beads, agarwood, agarwood chips, oud, oud oil, rosewood, red sandalwood, sandalwood, siam rosewood,
        python, python skin, python leather, python bag, snakeskin, snake skin, crocodile, crocodile leather,
        crocodile skin, crocodile bag, alligator, alligator skin, caiman, lizard skin, monitor lizard, live parrot,
        african grey, grey parrot, macaw, cockatoo, lovebird, slow loris, loris, baby monkey, monkey, macaque,
        orangutan, chimpanzee, gibbon, exotic pet, exotic pets, star tortoise, ball python, royal python,
        chameleon, tokay gecko, iguana, seahorse, seahorses, dried seahorse, saiga horn, antelope horn, musk pod,
        deer musk, musk, bushmeat, orchid, wild orchid, orchids, dendrobium, cactus, cacti, succulent, aloe,
        cycad, vulture, owl feathers, falcon, eagle, eagle feathers, otter pelt, otter, lynx fur, ocelot, elephant,
        elephant skin, elephant bone, hippo teeth, hippo tooth, walrus tusk, narwhal tusk, sperm whale tooth,
        whale tooth, scrimshaw, cobra, king cobra, cobra wine, snake wine, gecko, taxidermy, trophy, hunting trophy,
        stuffed tiger, bone carving, horn carving, carved horn"""),
    "fr": W("""ivoire, ivoire ancien, ivoire sculpté, défense d éléphant, défenses d éléphant, corne de rhinocéros,
        corne de rhino, écailles de pangolin, écaille de pangolin, peau de tigre, os de tigre, griffe de tigre,
        peau de léopard, carapace de tortue, écaille de tortue, corail rouge, aileron de requin, ailerons de requin,
        perroquet, perroquet gris, bois de rose, peau de python, cuir de crocodile, tortue, tigre, éléphant, léopard"""),
    "es": W("""marfil, marfil tallado, colmillo de elefante, colmillos, cuerno de rinoceronte, escamas de pangolín,
        pangolín, piel de tigre, hueso de tigre, garra de tigre, piel de leopardo, aleta de tiburón, aletas de tiburón,
        carey, concha de tortuga, coral negro, coral rojo, loro, guacamayo, piel de cocodrilo, piel de pitón,
        buche de totoaba, vejiga natatoria, tortuga, tigre, elefante, jaguar, palo de rosa"""),
    "de": W("""elfenbein, elfenbeinschnitzerei, stoßzahn, nashorn, nashornpulver, horn vom nashorn, schuppentier,
        tigerfell, tigerknochen, tigerkralle, leopardenfell, schildpatt, haifischflossen, krokodilleder,
        schlangenleder, pythonleder, papagei, graupapagei, korallen, rote koralle, schildkröte, tiger"""),
    "vi": W("""ngà voi, ngà, vòng ngà, vòng tay ngà voi, sừng tê giác, sừng tê, bột sừng tê, vảy tê tê, tê tê,
        cao hổ, cao hổ cốt, xương hổ, da hổ, răng hổ, móng hổ, nanh hổ, mật gấu, tay gấu, vây cá mập, đồi mồi,
        trầm hương, gỗ trắc, gỗ hương, rùa biển, khỉ con, culi, san hô đỏ, rắn hổ mang, rượu rắn,
        nga voi, vong nga, vong tay nga voi, sung te giac, sung te, bot sung te, vay te te, te te, cao ho, cao ho cot,
        xuong ho, da ho, rang ho, mong ho, nanh ho, mat gau, tay gau, vay ca map, doi moi, tram huong, go trac,
        go huong, rua bien, khi con, san ho do, ran ho mang, ruou ran"""),
    "zh": W("""象牙, 猛犸象牙, 象牙雕, 象牙雕刻, 象牙手镯, 象牙筷子, 象牙手串, 牙雕, 犀牛角, 犀角, 犀角杯, 犀牛角粉,
        穿山甲, 穿山甲片, 穿山甲鳞片, 虎骨, 虎骨酒, 虎皮, 虎牙, 虎爪, 老虎, 熊胆, 熊胆粉, 熊掌, 鱼翅, 鲨鱼翅, 玳瑁,
        玳瑁手镯, 海龟, 红珊瑚, 珊瑚, 沉香, 沉香木, 红木, 紫檀, 小叶紫檀, 黄花梨, 海南黄花梨, 蟒蛇皮, 鳄鱼皮, 鹦鹉,
        非洲灰鹦鹉, 盔犀鸟, 鹤顶红, 羚羊角, 麝香, 海马, 石斛, 兰花, 豹皮, 金钱豹, 大象, 犀牛, 猴子, 懒猴, 蛇酒"""),
    "th": W("""งาช้าง, นอแรด, เกล็ดตัวนิ่ม, ตัวนิ่ม, หนังเสือ, เขี้ยวเสือ, กระดูกเสือ, เล็บเสือ, เสือ, ช้าง, แรด,
        กระดองเต่า, เต่า, เต่าทะเล, ครีบฉลาม, หูฉลาม, ปะการัง, นกแก้ว, ไม้พะยูง, ไม้กฤษณา, งูเหลือม, หนังจระเข้,
        ลิงลม, ดีหมี, กำไลงาช้าง"""),
    "ru": W("""слоновая кость, слоновой кости, изделия из кости, бивень, бивни, бивень мамонта, рог носорога,
        носорог, чешуя панголина, панголин, тигр, шкура тигра, кости тигра, тигровая шкура, клык тигра,
        медвежья желчь, медвежья лапа, черепаха, черепаховый панцирь, коралл, красный коралл, попугай, питон,
        крокодиловая кожа, кожа питона, мускус, струя кабарги, сайгак, рог сайгака, рога сайги, акулий плавник"""),
}

# animal + product combos, the way a watchlist curator expands terms
COMBO_ANIMALS = W("""tiger, leopard, snow leopard, lion, cheetah, jaguar, ocelot, lynx, elephant, rhino, pangolin, bear,
    sun bear, python, cobra, crocodile, alligator, caiman, monitor lizard, turtle, tortoise, otter, wolf, saiga,
    hippo, walrus, shark, hornbill, parrot, macaw, eagle, falcon, owl, seahorse, zebra, giraffe, gorilla, monkey""")
COMBO_PRODUCTS = W("""skin, fur, pelt, hide, leather, bone, bones, tooth, teeth, claw, claws, horn, tusk, scales, meat,
    oil, powder, bile, wine, carving, bracelet, pendant, necklace, bag, belt, boots, wallet, trophy, skull, cub, cubs,
    baby, egg, eggs, feather, feathers, head, rug""")

# the words that actually show up in listings most often (weights)
COMMON_MENTIONS = {
    "en": {"ivory": 14, "horn": 9, "tiger": 9, "python": 7, "leopard": 6, "crocodile": 6, "coral": 6,
           "turtle": 5, "tortoise": 4, "elephant": 4, "rhino": 3, "parrot": 3, "orchid": 3, "rosewood": 3,
           "sandalwood": 2, "shark fin": 2, "pangolin": 1, "tusk": 2, "cobra": 1, "eagle": 2, "macaw": 1,
           "monkey": 2, "jaguar": 2, "otter": 1, "falcon": 1, "cactus": 2, "aloe": 2, "tortoiseshell": 2,
           "snakeskin": 1, "alligator": 1, "rhino horn": 1, "tiger bone": 1, "bear bile": 1, "agarwood": 1,
           "seahorse": 1, "chameleon": 1, "iguana": 1, "cockatoo": 1, "red coral": 1, "hornbill": 1},
    "fr": {"ivoire": 6, "tigre": 3, "tortue": 3, "perroquet": 2, "léopard": 2, "corne de rhinocéros": 1,
           "éléphant": 2, "bois de rose": 2, "corail rouge": 1, "écaille de tortue": 1, "horn": 1, "python": 2},
    "es": {"marfil": 6, "tigre": 3, "tortuga": 3, "loro": 2, "carey": 2, "coral rojo": 1, "elefante": 2,
           "jaguar": 2, "guacamayo": 1, "totoaba": 1, "palo de rosa": 1, "python": 1},
    "de": {"elfenbein": 6, "tiger": 3, "schildkröte": 2, "papagei": 2, "korallen": 2, "schildpatt": 1,
           "nashorn": 1, "krokodilleder": 1, "python": 1},
    "vi": {"nga voi": 5, "sung te giac": 3, "tram huong": 3, "go trac": 2, "cao ho": 2, "ngà voi": 2,
           "sừng tê giác": 1, "vay te te": 1, "mat gau": 1, "doi moi": 1, "trầm hương": 1, "rua bien": 1},
    "zh": {"象牙": 6, "犀牛角": 2, "犀角": 2, "沉香": 3, "红木": 3, "小叶紫檀": 2, "紫檀": 2, "珊瑚": 2,
           "红珊瑚": 1, "穿山甲片": 1, "虎骨": 1, "玳瑁": 1, "鹤顶红": 1, "黄花梨": 2, "熊胆": 1, "鹦鹉": 1},
    "th": {"งาช้าง": 5, "นอแรด": 2, "เสือ": 3, "ช้าง": 3, "เต่า": 2, "ไม้พะยูง": 2, "ไม้กฤษณา": 2,
           "นกแก้ว": 1, "ปะการัง": 1, "เกล็ดตัวนิ่ม": 1},
    "ru": {"слоновая кость": 3, "бивень мамонта": 3, "бивень": 2, "тигр": 2, "черепаха": 2, "попугай": 2,
           "коралл": 2, "питон": 1, "рог носорога": 1, "рог сайгака": 1},
}


# --------------------------------------------------------------------------
# syllable synthesis (pseudo-Latin binomials, synthetic common names)
# --------------------------------------------------------------------------

ONSETS = "b c d f g h l m n p r s t v ph th ch tr pl br cr gr st sc sp x z qu".split()
VOWELS = "a e i o u a e i o ae y ia eu".split()
CODAS = ["", "", "", "n", "r", "s", "l", "m", "x", "nth", "rr", "ll"]
GENUS_END = "us a um is on ia opsis ella odon urus ops ix anthus ornis saurus therium ina".split()
EPITHET_END = "us a um ensis ii i ae oides atus ata icola iformis ii ianus iana ensis orum ophila ii".split()


def syllables(rng, lo, hi):
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(rng.randint(lo, hi)))


def pseudo_binomial(rng):
    genus = syllables(rng, 1, 3) + rng.choice(GENUS_END)
    epithet = syllables(rng, 1, 3) + rng.choice(EPITHET_END)
    if rng.random() < 0.08:
        epithet += " " + syllables(rng, 1, 2) + rng.choice(EPITHET_END)
    return f"{genus} {epithet}"


def pseudo_genus(rng):
    return syllables(rng, 1, 3) + rng.choice(GENUS_END)


SYN_COLORS = W("red, black, white, golden, spotted, striped, grey, blue, green, yellow, brown, rufous, scarlet, olive, dusky, pale")
SYN_PARTS = W("crested, billed, tailed, throated, bellied, headed, winged, eared, necked, footed, backed, fronted, capped, breasted")
SYN_KINDS_EN = W("""parrot, eagle, owl, hawk, falcon, hummingbird, macaw, lorikeet, tortoise, turtle, gecko, python, boa,
    monitor, chameleon, frog, monkey, lemur, cat, bear, otter, shark, ray, coral, orchid, cactus, aloe, palm,
    pitcher plant, cycad, seahorse, butterfly, birdwing, crane, pheasant, parakeet, iguana, skink, viper, tree fern""")
SYN_KINDS_ES = W("loro, águila, búho, halcón, colibrí, guacamayo, tortuga, rana, mono, gato, oso, tiburón, orquídea, cactus")
SYN_KINDS_FR = W("perroquet, aigle, chouette, faucon, colibri, ara, tortue, grenouille, singe, chat, ours, requin, orchidée")
SYN_COLORS_ES = W("rojo, negro, blanco, dorado, manchado, gris, azul, verde")
SYN_COLORS_FR = W("rouge, noir, blanc, doré, tacheté, gris, bleu, vert")


def synthetic_terms(rng):
    """Term pools without the CITES file, same shape as cites_terms()."""
    pools = {k: [] for k in ("common_en_animal", "common_xx_animal", "common_plant",
                             "sci_animal", "syn_animal", "sci_plant", "syn_plant", "genus")}
    seen = set()

    def add(pool, t):
        if t not in seen:
            seen.add(t)
            pools[pool].append(t)

    plantish = {"orchid", "cactus", "aloe", "palm", "pitcher plant", "cycad", "coral", "tree fern"}
    for _ in range(9_000):
        place = syllables(rng, 1, 3)
        kind = rng.choice(SYN_KINDS_EN)
        r = rng.random()
        if r < 0.35:
            t = f"{rng.choice(SYN_COLORS)} {rng.choice(SYN_PARTS)} {kind}"
        elif r < 0.7:
            t = f"{place} {kind}"
        else:
            t = f"{place} {rng.choice(SYN_COLORS)} {kind}"
        add("common_plant" if kind in plantish else "common_en_animal", t)
    for _ in range(6_000):
        if rng.random() < 0.5:
            t = f"{rng.choice(SYN_KINDS_ES)} {rng.choice(SYN_COLORS_ES)} {syllables(rng, 1, 3)}"
        else:
            t = f"{rng.choice(SYN_KINDS_FR)} {rng.choice(SYN_COLORS_FR)} de {syllables(rng, 1, 3)}"
        add("common_xx_animal", t)
    for pool, n in (("sci_animal", 7_000), ("syn_animal", 5_000), ("sci_plant", 30_000),
                    ("syn_plant", 28_000)):
        for _ in range(n):
            add(pool, pseudo_binomial(rng))
    for _ in range(2_000):
        add("genus", pseudo_genus(rng))
    return pools


def strip_author(name: str):
    """'Ornismya abeillei Lesson & DeLattre' -> 'Ornismya abeillei'
    (genus + up to two lowercase epithets; None if it is not a binomial)."""
    w = name.split()
    if len(w) < 2 or not re.fullmatch(r"[A-Z][a-z-]+", w[0]):
        return None
    out = [w[0]]
    for t in w[1:3]:
        if re.fullmatch(r"[a-z][a-z-]+", t):
            out.append(t)
        else:
            break
    return " ".join(out) if len(out) >= 2 else None


def cites_terms(path: Path):
    pools = {k: [] for k in ("common_en_animal", "common_xx_animal", "common_plant",
                             "sci_animal", "syn_animal", "sci_plant", "syn_plant", "genus")}
    seen = set()

    def add(pool, t):
        t = normalize(t)
        if t and t not in seen:
            seen.add(t)
            pools[pool].append(t)

    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    # common names first so that a term that is both keeps the "common" tag
    for x in rows:
        animal = x["Kingdom"] == "Animalia"
        for col, pool in (("EnglishNames", "common_en_animal"), ("SpanishNames", "common_xx_animal"),
                          ("FrenchNames", "common_xx_animal")):
            for c in x[col].split(","):
                add(pool if animal else "common_plant", c)
    for x in rows:
        animal = x["Kingdom"] == "Animalia"
        rank = x["RankName"]
        full = x["FullName"].strip()
        if rank in ("SPECIES", "SUBSPECIES", "VARIETY"):
            # FullName has no authors but may carry "var."/"ssp." markers
            add("sci_animal" if animal else "sci_plant", " ".join(full.split()[:3]))
        else:
            add("genus", full)
        for syn in x["SynonymsWithAuthors"].split(","):
            s = strip_author(syn.strip())
            if s:
                add("syn_animal" if animal else "syn_plant", s)
    return pools


# --------------------------------------------------------------------------
# pattern sets
# --------------------------------------------------------------------------

def ok_pattern(t: str) -> bool:
    return len(t.encode("utf-8")) >= MIN_PATTERN_BYTES


def build_pattern_sets(rng, use_cites: bool):
    if use_cites:
        pools = cites_terms(CITES_CSV)
        source = str(CITES_CSV)
    else:
        pools = synthetic_terms(rng)
        source = "synthetic"

    trade = []
    for lang in TRADE_TERMS:
        trade += TRADE_TERMS[lang]
    for lang in COMMON_MENTIONS:
        trade += list(COMMON_MENTIONS[lang])
    combos = [f"{a} {p}" for a in COMBO_ANIMALS for p in COMBO_PRODUCTS]
    combos += [f"peau de {a}" for a in W("tigre, léopard, serpent, crocodile, python, lion, zèbre, ours")]
    combos += [f"piel de {a}" for a in W("tigre, leopardo, serpiente, cocodrilo, jaguar, ocelote, zorro")]

    def clean(lst):
        out, s = [], set()
        for t in lst:
            if ok_pattern(t) and t not in s:
                s.add(t)
                out.append(t)
        return out

    trade = clean(trade)
    combos = [t for t in clean(combos) if t not in set(trade)]
    pools = {k: clean(v) for k, v in pools.items()}

    # quotas (fraction of the set) per tier; 'trade' always complete
    plans = {
        "3k": [("combos", 0.10), ("common_en_animal", 0.42), ("common_xx_animal", 0.14),
               ("sci_animal", 0.14), ("syn_animal", 0.03), ("genus", 0.02), ("common_plant", 0.02),
               ("sci_plant", 0.03)],
        "30k": [("combos", 1.0), ("common_en_animal", 1.0), ("common_xx_animal", 1.0), ("sci_animal", 1.0),
                ("syn_animal", 1.0), ("genus", 1.0), ("common_plant", 1.0), ("sci_plant", 1.0)],
        "100k": [("combos", 1.0), ("common_en_animal", 1.0), ("common_xx_animal", 1.0), ("sci_animal", 1.0),
                 ("syn_animal", 1.0), ("genus", 1.0), ("common_plant", 1.0), ("sci_plant", 1.0),
                 ("syn_plant", 1.0)],
    }
    tiers = dict(pools, combos=combos)
    # shuffled copies so that "take the first n" is a deterministic random sample
    shuffled = {}
    for k in sorted(tiers):
        lst = list(tiers[k])
        rng.shuffle(lst)
        shuffled[k] = lst

    sets = {}
    chosen = []          # nested: 3k <= 30k <= 100k
    chosen_set = set()

    def take(t):
        if t not in chosen_set:
            chosen_set.add(t)
            chosen.append(t)

    for name in ("3k", "30k", "100k"):
        n = SET_SIZES[name]
        for t in trade:
            take(t)
        if name == "3k":
            for tier, frac in plans[name]:
                quota = int(n * frac)
                got = 0
                for t in shuffled[tier]:
                    if got >= quota or len(chosen) >= n:
                        break
                    if t not in chosen_set:
                        take(t)
                        got += 1
            fill_order = ["common_en_animal", "sci_animal", "common_xx_animal", "combos"]
        else:
            # 30k: all animal material first, then plants; 100k: everything
            fill_order = [tier for tier, _ in plans[name]]
        for tier in fill_order:
            for t in shuffled[tier]:
                if len(chosen) >= n:
                    break
                take(t)
        while len(chosen) < n:            # pad with pseudo-Latin binomials
            t = pseudo_binomial(rng)
            if ok_pattern(t):
                take(t)
        if len(chosen) > n:
            raise SystemExit(f"internal error: {name} has {len(chosen)} > {n} terms")
        sets[name] = list(chosen)
    return sets, source, shuffled


# --------------------------------------------------------------------------
# haystack vocabulary
# --------------------------------------------------------------------------

EN_CATEGORIES = {
    "furniture": dict(
        noun=W("""sofa, couch, armchair, dining table, coffee table, bookshelf, wardrobe, chest of drawers, bed frame,
            mattress, desk, office chair, bar stools, sideboard, tv stand, dresser, bunk bed, recliner, ottoman,
            cabinet, wall mirror, rug, floor lamp, nightstand, futon, loveseat, corner sofa, sofa bed, dining chairs,
            kitchen island, display cabinet, shoe rack, bench, console table, bedside table, chaise longue"""),
        adj=W("""solid oak, pine, walnut, teak, leather, velvet, fabric, grey, white, black, mid century, vintage,
            modern, scandinavian, rustic, extendable, foldable, upholstered, handmade, mahogany, rosewood, bamboo,
            rattan, marble top, glass, chrome, industrial, farmhouse, ivory white, cream, oak veneer, reclaimed wood"""),
        extra=W("""with 6 chairs, 3 seater, 2 seater, king size, double, single, queen size, with storage,
            with drawers, l shaped, with cushions, seats 8, 180 x 90 cm, 200 x 160, flat pack, assembled"""),
        detail=W("""no rips or stains, cushions are removable and washable, some marks on the legs, solid and sturdy,
            from a smoke free home, dismantled for easy transport, fits through a standard door, the fabric is
            in perfect condition, small scratch on the top, drawers slide smoothly, bought from john lewis,
            matching chairs available, legs unscrew, comes apart in two pieces, never sat on"""),
    ),
    "electronics": dict(
        noun=W("""iphone 11, iphone 12, iphone 13 pro, iphone 14 pro max, iphone 15, samsung galaxy s21, galaxy s23 ultra,
            pixel 7, pixel 8 pro, xiaomi redmi note 11, huawei p30, oneplus 9, ipad air, ipad pro, macbook pro,
            macbook air m1, gaming laptop, gaming pc, monitor, ps5, ps4 pro, xbox series x, nintendo switch, airpods pro,
            noise cancelling headphones, smart watch, apple watch, dslr camera, mirrorless camera, 50mm lens, drone,
            bluetooth speaker, smart tv, router, graphics card, rtx 3080, kindle, projector, soundbar, turntable"""),
        adj=W("""unlocked, dual sim, 64gb, 128gb, 256gb, 512gb, 1tb, refurbished, sealed, brand new, boxed,
            like new, used, cracked screen, space grey, midnight, silver, gold, black, white, blue, 4k, 55 inch,
            wireless, 16gb ram, 32gb ram, ssd, original"""),
        extra=W("""with box and charger, with case, with warranty, with receipt, with two controllers, with games,
            factory reset, icloud free, no scratches, battery 89, battery health 92, apple care until 2025"""),
        detail=W("""battery health is 91 percent, screen protector fitted since day one, face id works perfectly,
            comes with original cable, no dead pixels, fans are quiet, runs all games on high settings,
            ready to use, tested and working, bought as a gift but never used, upgrade sale, all accessories included,
            small dent on the corner, imei clean, works on all networks, charging port replaced last year"""),
    ),
    "clothes": dict(
        noun=W("""jacket, winter coat, dress, jeans, sneakers, trainers, boots, hoodie, t shirt, sweater, turtle neck,
            skirt, suit, blazer, handbag, backpack, scarf, cap, sunglasses, belt, wallet, ski jacket, puffer jacket,
            leather jacket, wedding dress, evening gown, heels, sandals, tracksuit, shirt, polo, cardigan, parka"""),
        adj=W("""nike, adidas, zara, h m, levis, gucci, louis vuitton, prada, north face, uniqlo, patagonia, puma,
            converse, vans, burberry, ralph lauren, black, white, navy, beige, coral pink, olive, burgundy,
            ivory white, leopard print, tiger print, snakeskin print, python print, crocodile embossed, faux fur,
            vintage, oversized, slim fit, designer, genuine leather, cashmere, wool, cotton, silk, denim"""),
        extra=W("""size s, size m, size l, size xl, size 10, size 12, eu 38, eu 42, uk 7, uk 9, us 8, one size,
            with tags, bnwt, worn once, never worn, kids age 8, mens, womens, unisex"""),
        detail=W("""worn only a couple of times, no stains or holes, true to size, from a pet and smoke free home,
            bought for a wedding, tags still attached, original dust bag included, selling as it no longer fits,
            machine washable, slight fading on the collar, authentic with receipt, can send more pictures,
            bundle discount available, happy to post"""),
    ),
    "cars": dict(
        noun=W("""toyota corolla, honda civic, vw golf, ford focus, bmw 320d, audi a4, mercedes c class, nissan qashqai,
            kia sportage, hyundai tucson, mazda 3, tesla model 3, skoda octavia, renault clio, peugeot 208,
            jaguar xf, land rover discovery, vauxhall corsa, fiat 500, volvo xc60, mini cooper, honda cbr motorbike,
            yamaha scooter, transit van, camper van, ford ranger"""),
        adj=W("""diesel, petrol, hybrid, electric, automatic, manual, 2012, 2015, 2017, 2019, 2021, low mileage,
            one owner, full service history, sport, estate, hatchback, saloon, 4x4, convertible"""),
        extra=W("""120000 km, 85000 miles, 45000 miles, new tyres, long mot, cambelt done, heated seats, sat nav,
            reversing camera, tow bar, alloy wheels, leather interior, panoramic roof, cruise control"""),
        detail=W("""drives perfectly, no warning lights, recently serviced, two keys, hpi clear, minor scuffs on the
            bumper, cold air con, starts first time, clutch replaced, new brake pads and discs, no rust, part
            exchange considered, viewing welcome, test drive with proof of insurance, cheap to run and insure"""),
    ),
    "jewellery": dict(
        noun=W("""ring, engagement ring, necklace, bracelet, bangle, earrings, pendant, brooch, wrist watch, chain,
            cufflinks, beads, charm bracelet, prayer beads, mala, hairpin, locket, anklet, signet ring, tiara"""),
        adj=W("""gold, 18k gold, 9ct gold, silver, sterling silver, platinum, diamond, sapphire, ruby, emerald, pearl,
            jade, amber, tiger eye, turquoise, onyx, coral, ivory, bone, horn, tortoiseshell, mother of pearl,
            obsidian, agarwood, sandalwood, rosewood, vintage, antique, handmade, art deco, victorian, rose gold"""),
        extra=W("""size n, size p, 18 inch, 45 cm, 5 grams, 12 grams, hallmarked, with certificate, in gift box,
            with appraisal, 0 5 carat, 1 carat, 8mm beads, 108 beads"""),
        detail=W("""hallmarked and tested, comes in original box, never worn, inherited piece, certificate of
            authenticity included, can be resized, clasp works well, light surface scratches, polished and cleaned,
            beads are natural and not dyed, weight on request, beautiful patina, perfect as a gift"""),
    ),
    "antiques": dict(
        noun=W("""vase, figurine, statue, carving, teapot, porcelain bowl, bronze buddha, mantel clock, oil painting,
            scroll painting, old coins, stamp collection, snuff bottle, netsuke, chess set, walking stick,
            letter opener, tea caddy, inkstone, jewellery box, sword, dagger, tobacco pipe, cigarette case, fan,
            plate, seal, brush pot, incense burner, buddha head, mask, drum, trinket box, hand mirror, okimono"""),
        adj=W("""qing dynasty, ming style, victorian, edwardian, art deco, georgian, meiji period, antique, hand carved,
            signed, chinese, japanese, african, tibetan, burmese, silver mounted, carved bone, carved horn, ivory,
            tortoiseshell, rosewood, huanghuali, jade, cloisonne, famille rose, blue and white, lacquered, 19th century"""),
        extra=W("""circa 1900, circa 1880, from an estate sale, with provenance, 12 cm tall, 25 cm, 8 inches,
            pair of, set of 4, with stand, with original box, marked on base"""),
        detail=W("""inherited from my grandfather, from an old private collection, small chip on the rim, no cracks,
            lovely patina, age related wear, detailed carving, signed on the base, heavy for its size, bought at
            auction in the 1970s, please see photos for condition, no restoration, sold as seen, rare piece,
            certificate of age available, ideal for collectors"""),
    ),
    "pets": dict(
        noun=W("""puppy, puppies, kitten, kittens, labrador, french bulldog, german shepherd, golden retriever,
            cockapoo, british shorthair, maine coon, persian cat, rabbit, hamster, guinea pig, budgie, cockatiel,
            parrot, african grey, macaw, canary, goldfish, koi, aquarium, terrarium, bearded dragon, leopard gecko,
            corn snake, ball python, royal python, tortoise, turtle, chameleon, iguana, bird cage, dog bed, vivarium"""),
        adj=W("""male, female, pair of, baby, young, adult, hand reared, tame, friendly, pedigree, kc registered,
            vaccinated, microchipped, healthy, playful, beautiful, rare, captive bred, hatchling"""),
        extra=W("""8 weeks old, 10 weeks, 12 weeks old, 6 months, 1 year old, 2 years, with cage, with setup,
            with tank and filter, with heat lamp, ready now, ready to leave"""),
        detail=W("""mum and dad can be seen, wormed and flead, health checked by vet, eating well, litter trained,
            good with children, comes with food and toys, full setup included, must go to a good home, rehoming
            due to allergies, lives with other pets, handled daily, cites paperwork available, article 10
            certificate, bred by us, deposit secures"""),
    ),
    "books": dict(
        noun=W("""novel, paperback, hardcover, textbook, cookbook, comic, manga, encyclopedia, dictionary, atlas,
            bible, children's books, box set, first edition, harry potter set, lord of the rings, python programming,
            learn python, javascript guide, calculus textbook, biology textbook, national geographic magazines,
            vinyl records, cd collection, dvd box set, board games, jigsaw puzzle, field guide to birds"""),
        adj=W("""signed, rare, vintage, illustrated, english, used, new, hardback, set of 7, volume 1, collection of,
            out of print, revised edition, 3rd edition, complete series"""),
        extra=W("""good reading copy, like new, no markings, ex library, some highlighting, dust jacket, 1998 printing,
            bundle of 20, job lot"""),
        detail=W("""pages are clean, spine uncreased, read once, slight foxing on the edges, perfect for students,
            great gift for a collector, from a smoke free home, will post in a padded envelope, collection welcome"""),
    ),
    "home": dict(
        noun=W("""lawn mower, garden furniture, bbq, gas grill, plant pots, orchid, cactus, succulent, aloe vera,
            bonsai tree, cordless drill, ladder, wheelbarrow, garden hose, shed, fridge freezer, washing machine,
            tumble dryer, dishwasher, microwave, oven, kettle, coffee machine, vacuum cleaner, air fryer, blender,
            rug, curtains, duvet, towels, cookware set, knife set, dinner set"""),
        adj=W("""bosch, dyson, samsung, lg, miele, makita, dewalt, weber, nespresso, kitchenaid, stainless steel,
            cordless, electric, large, small, white, black, energy efficient, integrated, freestanding"""),
        extra=W("""a energy rating, 9kg, 7kg, 60 cm wide, with battery and charger, barely used, 1 year old,
            still under warranty, with manual"""),
        detail=W("""works perfectly, cleaned and ready to go, selling due to upgrade, must collect, collection only
            from the front door, all parts included, no faults, easy to use, very quiet, well looked after"""),
    ),
    "sports": dict(
        noun=W("""bike, mountain bike, road bike, e bike, treadmill, dumbbells, weights set, yoga mat, golf clubs,
            tennis racket, football boots, skis, snowboard, surfboard, kayak, tent, sleeping bag, fishing rod,
            crossbow, hunting knife, horn handle knife, compound bow, rifle scope, trekking poles, climbing shoes,
            wetsuit, rowing machine, exercise bike, boxing gloves, skateboard"""),
        adj=W("""carbon, aluminium, trek, specialized, giant, shimano, callaway, wilson, head, burton, decathlon,
            small, medium, large, adult, junior, mens, womens, used, new"""),
        extra=W("""frame size 54, 21 speed, 29er, 4 season, 2 person, 10 kg, 20 kg pair, with bag, with case"""),
        detail=W("""serviced last month, new chain and cassette, minor scratches from use, used a handful of times,
            great starter kit, no longer needed, selling to make space, collection preferred, can meet halfway"""),
    ),
    "toys": dict(
        noun=W("""pram, stroller, car seat, cot, high chair, lego set, playmobil, barbie house, dollhouse, train set,
            rocking horse, teddy bear, tiger plush, stuffed animals, jigsaw, board game, baby monitor, play mat,
            kids bike, scooter, trampoline, swing set, ride on car, baby clothes bundle"""),
        adj=W("""bugaboo, silver cross, maxi cosi, fisher price, vtech, wooden, soft, large, complete, boxed,
            unisex, pink, blue, grey"""),
        extra=W("""age 3 plus, 0 12 months, complete with instructions, all pieces present, with rain cover,
            newborn to 4 years"""),
        detail=W("""from a smoke free home, clean and washed, used for one child only, all pieces counted,
            some play wear, fits most cars, folds compactly, ideal for christmas"""),
    ),
}

EN_GENERAL = W("""selling because moving abroad, great condition, barely used, like new, some signs of wear,
    minor scratches, smoke free home, pet free home, collection only, can deliver locally for a small fee,
    price is firm, open to offers, no time wasters, serious buyers only, first to see will buy, cash on collection,
    paypal accepted, bank transfer only, message me for more photos, dm for details, whatsapp only, call or text,
    still available, reduced for quick sale, ono, obo, free delivery within 10 miles, ships worldwide,
    tracked shipping, see photos for condition, original receipt available, genuine, authentic, 100 percent real,
    not fake, grade a quality, wholesale price, bulk discount, moq 10 pcs, limited stock, fast dispatch,
    no returns, sold as seen, please check my other items, will combine postage, local pickup, happy to answer
    questions, ask if you need measurements, must go this weekend, quick sale needed, price drop""")

EN_FILLER = ("the and for with in of to a is it this very good my was on one all are from can be will as have"
             " not but just you me at or if so only up more new old used time year also has had any it s i m"
             " really well little nice great perfect lovely clean small big large some few back out no like other"
             " made works still want need get buy sell item items price offer home house room kitchen office car"
             " bag box set pair color colour size look looks looking condition quality original included free"
             " delivery pick collect ask please thanks thank message send photo photos picture details available"
             " reason moving space upgrade gift friend family kids children work day week month years ago bought"
             " paid over under about around cheap cost fixed deal today tomorrow weekend evening after before"
             " while because since when where there here which that what who how than then these those").split()

FR = dict(
    noun=W("""canapé, table basse, armoire, commode, lit, matelas, chaise, bureau, vélo, voiture, téléphone,
        ordinateur portable, robe, veste, chaussures, sac à main, montre, bague, collier, bracelet, vase, statue,
        tableau, livre, chiot, chaton, perroquet, aquarium, tondeuse, réfrigérateur, machine à laver, poussette,
        buffet ancien, miroir, lampe, console de jeux, iphone 12, trottinette"""),
    adj=W("""très bon état, comme neuf, état neuf, bon état général, ancien, vintage, en bois massif, en cuir,
        en or, en argent, fait main, peu servi, jamais utilisé, noir, blanc, gris, chêne, style louis xv"""),
    phrase=W("""à vendre, je vends, cause déménagement, prix négociable, à récupérer sur place, livraison possible,
        paiement en espèces, contactez moi par message, me contacter au, disponible de suite, pas sérieux s abstenir,
        envoi possible, photos sur demande, facture disponible, prix ferme, urgent, faire offre, idéal pour,
        quelques rayures, fonctionne parfaitement, vendu avec, boîte d origine, très peu porté, acheté l an dernier,
        remise en main propre, pas d échange, dimensions sur demande, merci de votre intérêt"""),
    price=["{n} euros", "prix {n} €", "{n} eur", "{n} € à débattre"],
    contact=["tel 06 {a} {b} {c} {d}", "appelez au 07 {a} {b} {c} {d}", "message leboncoin uniquement",
             "whatsapp 33 6{a} {b} {c} {d}"],
)
ES = dict(
    noun=W("""sofá, mesa, silla, armario, cama, colchón, bicicleta, coche, móvil, portátil, vestido, chaqueta,
        zapatillas, bolso, reloj, anillo, collar, pulsera, jarrón, figura, cuadro, libro, cachorro, gatito, loro,
        acuario, cortacésped, nevera, lavadora, carrito de bebé, lámpara, espejo, moto, televisor"""),
    adj=W("""en perfecto estado, como nuevo, poco uso, antiguo, vintage, de madera maciza, de cuero, de oro,
        de plata, hecho a mano, sin estrenar, negro, blanco, gris, grande, pequeño"""),
    phrase=W("""se vende, vendo, precio negociable, recogida en mano, envío a toda españa, pago en efectivo,
        contactar por whatsapp, escríbeme por privado, urge vender, por mudanza, tiene algunos arañazos,
        funciona perfectamente, incluye caja original, no cambios, precio fijo, hago envíos, entrega en mano,
        no se aceptan devoluciones, más fotos por privado, lo vendo porque no lo uso, factura de compra"""),
    price=["{n} euros", "precio {n} €", "{n} eur negociables", "{n} pesos", "{n} mxn"],
    contact=["llamar al 6{a} {b} {c} {d}", "whatsapp 34 6{a} {b} {c} {d}", "solo mensajes", "tel 55 {a} {b} {c}"],
)
DE = dict(
    noun=W("""sofa, couchtisch, kleiderschrank, kommode, bett, matratze, stuhl, schreibtisch, fahrrad, auto, handy,
        laptop, kleid, jacke, schuhe, handtasche, uhr, ring, halskette, armband, vase, figur, gemälde, buch, welpe,
        kätzchen, papagei, aquarium, rasenmäher, kühlschrank, waschmaschine, kinderwagen, spiegel, lampe"""),
    adj=W("""sehr guter zustand, wie neu, kaum benutzt, antik, vintage, massivholz, echtleder, gold, silber,
        handgemacht, neuwertig, schwarz, weiß, grau, groß, klein"""),
    phrase=W("""zu verkaufen, verkaufe, preis verhandelbar, nur abholung, versand möglich, barzahlung bei abholung,
        privatverkauf keine garantie keine rücknahme, bei fragen gerne melden, nichtraucherhaushalt,
        tierfreier haushalt, leichte gebrauchsspuren, funktioniert einwandfrei, mit originalverpackung, vb,
        festpreis, wegen umzug, paypal freunde möglich, abholung in berlin, rechnung vorhanden"""),
    price=["{n} euro", "{n} € vb", "preis {n} eur", "festpreis {n} euro"],
    contact=["tel 0151 {a}{b}{c}", "nur per nachricht", "whatsapp 49 170 {a} {b} {c}"],
)
VI = dict(
    noun=W("""dien thoai, xe may, o to, tu lanh, may giat, ban ghe, giuong, tu quan ao, ao khoac, quan jean, giay,
        tui xach, dong ho, nhan, day chuyen, vong tay, binh gom, tuong go, tranh, sach, cho con, meo con, chim canh,
        ca canh, xe dap, laptop, tai nghe, iphone 13, điện thoại, xe máy, vòng tay, đồng hồ, bàn ghế, tượng gỗ"""),
    adj=W("""con moi, moi 99, hang chinh hang, gia re, gia tot, nguyen zin, chua sua chua, may dep, nhu moi,
        xach tay, full box, hàng chính hãng, còn mới, giá rẻ, đẹp, cũ, go do, go huong"""),
    phrase=W("""can ban, thanh ly, ban gap, lien he, lh, inbox, ib, giao hang toan quoc, ship cod, bao hanh 12 thang,
        co fix, khong tiep tho, chot don, san hang, hang co san, bán gấp, liên hệ, giao hàng toàn quốc, bảo hành,
        thanh lý, ai can ib minh, gia co thuong luong, hang dep, khach xem hang truoc"""),
    price=["gia {n}k", "gia {s} trieu", "{s}tr", "{n}k", "giá {s} triệu", "{n} 000 d"],
    contact=["zalo 09{a} {b} {c}", "lh 0{a}{b}{c}", "sdt 03{a} {b} {c}", "zalo 08{a}{b}{c}"],
)
ZH = dict(
    noun=W("""沙发, 茶几, 衣柜, 床, 床垫, 椅子, 书桌, 自行车, 汽车, 手机, 苹果手机, 华为手机, 笔记本电脑, 连衣裙, 外套,
        运动鞋, 手提包, 手表, 戒指, 项链, 手镯, 花瓶, 摆件, 字画, 书籍, 小狗, 小猫, 鱼缸, 冰箱, 洗衣机, 婴儿车,
        茶具, 紫砂壶, 瓷器, 佛像, 古董, 玉石, 翡翠, 和田玉, 琥珀, 蜜蜡, 珍珠, 黄金, 白银, 核桃, 菩提, 手串, 念珠,
        笔筒, 香炉, 印章, 扇子"""),
    adj=W("""九成新, 全新, 正品, 老物件, 收藏级, 精品, 手工雕刻, 老料, 原矿, 清代, 民国, 明代, 白色, 黑色, 象牙白, 大号, 小号"""),
    phrase=W("""出售, 转让, 包邮, 价格面议, 非诚勿扰, 有意者私聊, 微信联系, 加微信, 同城自提, 支持验货, 保真,
        假一赔十, 清仓处理, 低价出, 搬家急售, 成色很好, 无磕碰, 实物拍摄, 可议价, 欢迎咨询, 货到付款, 顺丰包邮,
        闲置出, 自用闲置, 懂的来, 看好再拍, 不退不换, 感兴趣的朋友联系我"""),
    price=["{n}元", "价格 {n} 元", "{n}块", "¥{n}", "售价{n}"],
    contact=["微信 wx{a}{b}", "vx {a}{b}{c}", "电话 13{a}{b}{c}", "qq {a}{b}{c}", "微信号 lao{a}"],
)
TH = dict(
    noun=W("""โซฟา, โต๊ะ, ตู้เสื้อผ้า, เตียง, ที่นอน, เก้าอี้, จักรยาน, รถยนต์, มอเตอร์ไซค์, โทรศัพท์มือถือ, ไอโฟน, โน้ตบุ๊ค,
        เสื้อ, กางเกง, รองเท้า, กระเป๋า, นาฬิกา, แหวน, สร้อยคอ, กำไล, พระเครื่อง, แจกัน, หนังสือ, ลูกสุนัข, ลูกแมว,
        ตู้ปลา, ตู้เย็น, เครื่องซักผ้า, พระพุทธรูป, ตะกรุด"""),
    adj=W("""มือสอง, สภาพดี, สภาพนางฟ้า, ของแท้, ของใหม่, ของเก่า, สีดำ, สีขาว, ใหญ่, เล็ก, หายาก"""),
    phrase=W("""ขาย, ขายด่วน, ราคาถูก, ต่อรองได้, ส่งฟรี, เก็บเงินปลายทาง, สนใจทักแชท, แอดไลน์, พร้อมส่ง, ของสะสม,
        เครื่องราง, รับประกัน, ใช้งานปกติ, นัดรับได้, ไม่รับคืน, ดูของก่อนได้"""),
    price=["ราคา {n} บาท", "{n} บาท", "{n}บ", "ราคา {n}"],
    contact=["โทร 08{a}{b}{c}", "ไลน์ {a}{b}", "line id shop{a}", "โทร 09{a} {b} {c}"],
)
RU = dict(
    noun=W("""диван, стол, шкаф, комод, кровать, матрас, стул, велосипед, автомобиль, телефон, айфон, ноутбук,
        платье, куртка, кроссовки, сумка, часы, кольцо, цепочка, браслет, ваза, статуэтка, картина, книга, щенок,
        котенок, аквариум, холодильник, стиральная машина, коляска, шуба, икона, самовар, шкатулка"""),
    adj=W("""в отличном состоянии, как новый, б у, новый, старинный, антикварный, ручная работа, кожаный, золотой,
        серебряный, черный, белый, большой, маленький"""),
    phrase=W("""продам, продаю, торг уместен, самовывоз, доставка по городу, отправлю почтой, звоните, пишите в личку,
        срочно, недорого, оригинал, возможен обмен, без торга, в наличии, состояние хорошее, антиквариат,
        отправка авито доставкой, реальному покупателю скидка, фото по запросу"""),
    price=["{n} руб", "цена {n} р", "{n} рублей", "{n} ₽ торг"],
    contact=["тел 8 9{a} {b} {c}", "звонить 8 9{a}{b}{c}", "телеграм {a}{b}", "пишите на авито"],
)

# listing language mix (weights)
LANGS = [("en", 70), ("fr", 5), ("es", 6), ("de", 5), ("vi", 5), ("zh", 4), ("th", 3), ("ru", 2)]
CJK_LIKE = {"zh", "th"}   # no spaces between words inside a phrase


class Haystack:
    def __init__(self, rng, mention_pools):
        self.rng = rng
        self.mention_pools = mention_pools
        self._build_pools()

    # ---- pre-generated phrase pools (cheap listing assembly) ----
    def _num(self):
        r = self.rng
        x = r.random()
        if x < 0.4:
            return str(r.randint(1, 99))
        if x < 0.8:
            return str(r.randint(10, 999))
        if x < 0.95:
            return str(r.randint(1000, 9999))
        return f"{r.randint(1, 99)} {r.randint(0, 999):03d}"

    def _contact(self, tmpls):
        r = self.rng
        return r.choice(tmpls).format(a=r.randint(10, 99), b=r.randint(10, 999), c=r.randint(100, 999),
                                      d=r.randint(10, 99))

    def _en_sentence(self, cat):
        r = self.rng
        c = EN_CATEGORIES[cat]
        k = r.random()
        if k < 0.18:
            return f"{r.choice(c['adj'])} {r.choice(c['noun'])} {r.choice(c['extra'])}"
        if k < 0.45:
            return r.choice(c["detail"])
        if k < 0.64:
            return r.choice(EN_GENERAL)
        if k < 0.72:
            return (f"bought {r.randint(1, 9)} years ago for {r.randint(20, 2000)} used "
                    f"{r.choice(['only a few times', 'daily', 'occasionally', 'twice', 'for a year'])}")
        if k < 0.80:
            return f"dimensions {r.randint(10, 250)} x {r.randint(10, 200)} x {r.randint(2, 120)} cm"
        # filler sentence with Zipf-ish words around a category noun
        n = r.randint(4, 10)
        words = r.choices(EN_FILLER, cum_weights=self.filler_cum, k=n)
        words.insert(r.randint(0, n), r.choice(c["noun"]))
        return " ".join(words)

    def _xx_sentence(self, d, lang):
        r = self.rng
        sep = "" if lang in CJK_LIKE else " "
        k = r.random()
        if k < 0.35:
            s = sep.join([r.choice(d["adj"]), r.choice(d["noun"])])
        elif k < 0.75:
            s = r.choice(d["phrase"])
            if r.random() < 0.5:
                s = sep.join([s, r.choice(d["phrase"])])
        else:
            s = sep.join([r.choice(d["phrase"]), r.choice(d["adj"]), r.choice(d["noun"])])
        return s

    def _build_pools(self):
        r = self.rng
        self.filler_cum = []
        acc = 0.0
        for i in range(len(EN_FILLER)):
            acc += 1.0 / (i + 1)
            self.filler_cum.append(acc)
        self.en_titles, self.en_sent = {}, {}
        for cat, c in EN_CATEGORIES.items():
            titles = []
            for _ in range(3000):
                parts = []
                if r.random() < 0.3:
                    parts.append(r.choice(["for sale", "selling", "wanted", "wts", "new", "sale", "reduced"]))
                parts.append(r.choice(c["adj"]))
                if r.random() < 0.4:
                    parts.append(r.choice(c["adj"]))
                parts.append(r.choice(c["noun"]))
                if r.random() < 0.6:
                    parts.append(r.choice(c["extra"]))
                titles.append(" ".join(parts))
            self.en_titles[cat] = titles
            self.en_sent[cat] = [self._en_sentence(cat) for _ in range(8000)]
        self.en_cats = list(EN_CATEGORIES)
        self.en_prices = [f"{r.choice(['price', 'asking', 'only', '', 'now'])} {self._num()} "
                          f"{r.choice(['usd', 'gbp', 'eur', 'dollars', 'pounds', 'aud', 'cad', 'or best offer', ''])}"
                          .strip() for _ in range(5000)]
        self.en_contacts = [self._contact(["call 07{a}{b} {c}", "text 555 {c} {b}", "whatsapp 44 7{a} {b} {c}",
                                           "wechat seller{a}{c}", "telegram shop{b}", "line id {a}{c}",
                                           "email me at seller{c} gmail com", "dm me", "inbox for price",
                                           "contact 1 {c} {b} {c}"]) for _ in range(5000)]
        self.xx = {}
        for lang, d in (("fr", FR), ("es", ES), ("de", DE), ("vi", VI), ("zh", ZH), ("th", TH), ("ru", RU)):
            sep = "" if lang in CJK_LIKE else " "
            titles = [sep.join([r.choice(d["phrase"][:6] if lang != "zh" else ["出售", "转让", "闲置", "求购", ""]),
                                r.choice(d["adj"]), r.choice(d["noun"])]).strip() for _ in range(2000)]
            sents = [self._xx_sentence(d, lang) for _ in range(4000)]
            prices = [normalize(r.choice(d["price"]).format(n=self._num(), s=r.randint(1, 40))) for _ in range(1000)]
            contacts = [normalize(self._contact(d["contact"])) for _ in range(1000)]
            self.xx[lang] = (titles, sents, prices, contacts)
        self.lang_names = [l for l, _ in LANGS]
        self.lang_cum = []
        acc = 0
        for _, w in LANGS:
            acc += w
            self.lang_cum.append(acc)
        self.mention_common = {}
        for lang, d in COMMON_MENTIONS.items():
            terms = list(d)
            cum, acc = [], 0
            for t in terms:
                acc += d[t]
                cum.append(acc)
            self.mention_common[lang] = (terms, cum)
        self.contexts = {
            "en": ["{t}", "{t}", "real {t}", "genuine {t}", "{t} carving", "old {t}", "carved {t}", "{t} for sale",
                   "{t} pendant", "antique {t}", "natural {t}", "{t} bracelet", "faux {t}", "{t} look",
                   "not real {t}", "{t} style", "live {t}", "{t} skin", "baby {t}"],
            "fr": ["{t}", "{t} ancien", "vrai {t}", "en {t}"],
            "es": ["{t}", "{t} auténtico", "de {t}", "{t} antiguo"],
            "de": ["{t}", "echtes {t}", "aus {t}", "{t} antik"],
            "vi": ["{t}", "{t} that", "vong {t}", "{t} tu nhien"],
            "zh": ["{t}", "天然{t}", "老{t}", "{t}雕件", "{t}手串"],
            "th": ["{t}", "{t}แท้", "ขาย{t}"],
            "ru": ["{t}", "{t} натуральный", "из {t}", "изделие {t}"],
        }

    def mention(self, lang):
        r = self.rng
        x = r.random()
        if lang == "en":
            cut1, cut2 = 0.75, 0.92          # common words / 3k common names + combos / anything
        elif lang in ("fr", "es"):
            cut1, cut2 = 0.70, 0.90
        else:
            cut1, cut2 = 0.80, 0.95
        if x < cut1:
            terms, cum = self.mention_common[lang]
            t = r.choices(terms, cum_weights=cum)[0]
        elif x < cut2:
            t = r.choice(self.mention_pools["popular_" + lang])
        else:
            t = r.choice(self.mention_pools["any"] if lang in ("en", "fr", "es")
                         else self.mention_pools["scientific"])
        return r.choice(self.contexts[lang]).format(t=t)

    def listing(self):
        r = self.rng
        lang = r.choices(self.lang_names, cum_weights=self.lang_cum)[0]
        if lang == "en":
            cat = r.choice(self.en_cats)
            title = r.choice(self.en_titles[cat])
            sents = self.en_sent[cat]
            body = [r.choice(sents) if r.random() < 0.8 else r.choice(EN_GENERAL) for _ in range(r.randint(7, 11))]
            price, contact = r.choice(self.en_prices), r.choice(self.en_contacts)
        else:
            titles, sents, prices, contacts = self.xx[lang]
            title = r.choice(titles)
            body = [r.choice(sents) for _ in range(r.randint(7, 12))]
            price, contact = r.choice(prices), r.choice(contacts)
        x = r.random()
        nm = 1 if x < 0.5 else (2 if x < 0.8 else 3)
        for _ in range(nm):
            body.insert(r.randint(0, len(body)), self.mention(lang))
        return " ".join([title, *body, price, contact])


def write_haystack(path: Path, nbytes: int, rng, mention_pools):
    hs = Haystack(rng, mention_pools)
    tmp = path.with_suffix(path.suffix + ".tmp")
    written = 0
    listings = 0
    chunk_target = 4 << 20
    with open(tmp, "wb") as f:
        while written < nbytes:
            parts = []
            size = 0
            while size < chunk_target:
                s = hs.listing() + "\n"
                parts.append(s)
                size += len(s) + len(s) // 4    # rough; exact length measured after encode
            data = "".join(parts).encode("utf-8")
            listings += len(parts)
            if written + len(data) >= nbytes:
                room = nbytes - written
                cut = data.rfind(b"\n", 0, room) + 1          # last whole listing that fits
                data = data[:cut]
                listings = listings - len(parts) + data.count(b"\n")
                pad = nbytes - written - len(data)
                if pad:
                    # fill with ASCII filler words (safe to cut anywhere)
                    filler = (" ".join(rng.choices(EN_FILLER, k=pad)) + " ").encode()[:pad - 1] + b"\n"
                    data += filler
            f.write(data)
            written += len(data)
    os.replace(tmp, path)
    return listings


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=128, help="haystack size in MiB (default 128)")
    ap.add_argument("--haystack-name", default="haystack.txt")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--no-haystack", action="store_true")
    ap.add_argument("--no-patterns", action="store_true")
    ap.add_argument("--synthetic", action="store_true", help="ignore the CITES file even if present")
    args = ap.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    use_cites = CITES_CSV.exists() and not args.synthetic
    sets, source, tiers = build_pattern_sets(random.Random(args.seed), use_cites)
    manifest = {"seed": args.seed, "pattern_source": source, "min_pattern_bytes": MIN_PATTERN_BYTES}
    if not args.no_patterns:
        for name, terms in sets.items():
            assert len(terms) == len(set(terms)) == SET_SIZES[name]
            assert all(t and "\n" not in t for t in terms)
            order = list(terms)
            random.Random(args.seed + SET_SIZES[name]).shuffle(order)
            p = args.out / f"patterns-{name}.txt"
            p.write_text("".join(t + "\n" for t in order), encoding="utf-8")
            manifest[f"patterns-{name}"] = {"terms": len(terms), "bytes": p.stat().st_size}
            print(f"wrote {p} ({len(terms)} terms, {p.stat().st_size} bytes)", file=sys.stderr)
    print(f"patterns from {source} in {time.time() - t0:.1f}s", file=sys.stderr)

    if not args.no_haystack:
        t1 = time.time()
        s3, s30 = set(sets["3k"]), set(sets["30k"])
        pools = {"any": sets["100k"],
                 "scientific": [t for t in tiers["sci_animal"] if t in s30] or sets["30k"]}
        pools["popular_en"] = ([t for t in tiers["common_en_animal"] if t in s3] +
                               [t for t in tiers["combos"] if t in s3]) or sets["3k"]
        xx = [t for t in tiers["common_xx_animal"] if t in s3]
        for lang in TRADE_TERMS:
            if lang == "en":
                continue
            own = [t for t in TRADE_TERMS[lang] if ok_pattern(t)]
            pools["popular_" + lang] = own + (xx if lang in ("fr", "es") else [])
        nbytes = int(args.mb * (1 << 20))
        p = args.out / args.haystack_name
        n = write_haystack(p, nbytes, random.Random(args.seed * 7 + 1), pools)
        manifest[args.haystack_name] = {"bytes": nbytes, "listings": n}
        print(f"wrote {p} ({nbytes} bytes, ~{n} listings) in {time.time() - t1:.1f}s", file=sys.stderr)

    mpath = args.out / "manifest.json"
    old = {}
    if mpath.exists():
        try:
            old = json.loads(mpath.read_text())
        except ValueError:
            old = {}
    old.update(manifest)
    mpath.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
