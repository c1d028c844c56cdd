#!/usr/bin/env python3
"""Deterministic marketplace stream for the `spoor classify` throughput benchmark.

What it models
--------------
A day's crawl of general classifieds sites, the input `spoor classify` is meant for:
one listing per JSON line with "id", "title", "description" and, as crawlers find them,
"price", "currency", "url", "seller", "location" and "lang".

* Ordinary goods (by default 95 %): phones, furniture, clothes, cars and car parts, toys,
  books, jewellery, antiques, pets (dogs, cats, budgies...), garden plants.  About 60 % are in
  English; the rest in French, Spanish, German, Vietnamese, Chinese, Thai, Indonesian and
  Russian, with local cities, currencies and price levels.  Titles are 5-12 words (CJK and
  Thai titles are a few space-separated chunks, as sellers write them); descriptions are 1-4
  sentences, about 200-600 characters in the Latin and Cyrillic languages (CJK and Thai say
  the same in fewer, wider characters).  The `lang` hint is sometimes missing or wrong,
  sellers and URLs are sometimes missing, a few prices are text ("1,200").  A few ordinary
  listings touch the watchlist by accident, as real ones do (a "Seat León" is a "león").
* The wildlife share (`--wildlife-share`, default 0.05) names something on Spoor's watchlist:
    - about 40 % are offers written from `watchlists/cites-online.yaml` itself: a product or
      a common name of a listed taxon in the listing's language ("tiger claw", "vảy tê tê",
      "犀角杯", "Elfenbein", "African grey parrot") in sale wording, sometimes with antique
      claims, messenger contacts or discreet shipping;
    - about 40 % are innocent uses of watchlist words in ordinary goods: colours and
      patterns ("ivory white dress", "leopard print"), brands and products ("Tiger Balm",
      "Jaguar XF parts", "Rhino 3D", "shark fin antenna"), toys, cats and plants ("narwhal
      plush", "tortoiseshell kitten", "tiger lily bulbs", "Fleetwood Mac Tusk"), in English
      and the other languages; some of these are hard enough that Spoor flags them;
    - about 20 % are the lines of `examples/listings.jsonl`, reused with new ids.
  Which listing is which is written to a sidecar `<out>.meta.json` (counts, and the ids of
  the wildlife share by kind); the stream itself carries no labels.

Everything is synthetic: no real listing, seller or URL (all hosts are *.example.*).
The same seed and arguments give byte-identical output.

Second mode, `--from FILE`: replicate an existing JSONL file (for example the labelled test
fixture) to `--count` lines, keeping only the Listing fields and giving every copy a new id.

Usage:
  gen_listings.py [--count 100000] [--wildlife-share 0.05] [--seed N] [--out PATH]
  gen_listings.py --from FILE --count 50000 --out PATH
Default output: benchmarks/.data/listings-100k.jsonl (listings-<count>.jsonl for other
counts).  Needs PyYAML.
"""

import argparse
import json
import math
import random
import re
import sys
import time
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("gen_listings.py: needs PyYAML (apt install python3-yaml, or pip install pyyaml)")

REPO = Path(__file__).resolve().parents[2]
WATCHLIST = REPO / "watchlists" / "cites-online.yaml"
EXAMPLES = REPO / "examples" / "listings.jsonl"
DEFAULT_DIR = REPO / "benchmarks" / ".data"
SEED = 20230223
LISTING_FIELDS = ("id", "title", "description", "price", "currency", "url", "seller", "location", "lang")

# Share of the wildlife part by kind.
WILDLIFE_MIX = (("offer", 0.40), ("innocent", 0.40), ("example", 0.20))

CATEGORIES = (("phones", 13), ("furniture", 12), ("clothes", 16), ("cars", 12), ("toys", 10),
              ("books", 7), ("jewellery", 7), ("antiques", 6), ("pets", 9), ("plants", 8))

# Typical asking price in USD (log-uniform between the bounds).
PRICE_USD = {
    "phones": (40, 1200), "furniture": (15, 900), "clothes": (5, 180), "cars": (10, 600),
    "toys": (3, 450), "books": (2, 80), "jewellery": (10, 2500), "antiques": (20, 3000),
    "pets": (15, 2500), "plants": (3, 150), "wildlife": (30, 8000),
    "vehicles": (1500, 30000),          # "cars" items that carry a model year
}
MODEL_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")

PER_USD = {"USD": 1, "GBP": 0.79, "AUD": 1.5, "CAD": 1.36, "SGD": 1.34, "MYR": 4.7, "EUR": 0.92,
           "CHF": 0.88, "XOF": 600, "MXN": 17, "COP": 4000, "PEN": 3.7, "ARS": 850, "VND": 24500,
           "CNY": 7.2, "HKD": 7.8, "THB": 36, "IDR": 15700, "RUB": 92}

# ----------------------------------------------------------------------------------------
# Ordinary goods, per language
# ----------------------------------------------------------------------------------------

EN = {
    "weight": 62,
    "cities": [("New York, NY", "USD"), ("Chicago, IL", "USD"), ("Houston, TX", "USD"),
               ("Phoenix, AZ", "USD"), ("Seattle, WA", "USD"), ("Denver, CO", "USD"),
               ("Atlanta, GA", "USD"), ("Austin, TX", "USD"), ("Manchester", "GBP"), ("Leeds", "GBP"),
               ("Bristol", "GBP"), ("London", "GBP"), ("Glasgow", "GBP"), ("Birmingham", "GBP"),
               ("Melbourne, VIC", "AUD"), ("Brisbane, QLD", "AUD"), ("Toronto, ON", "CAD"),
               ("Vancouver, BC", "CAD"), ("Singapore", "SGD"), ("Kuala Lumpur", "MYR")],
    "sites": ["https://market.example.com/item/{n}", "https://classifieds.example.co.uk/ad/{n}",
              "https://swap.example.org/listing/{n}", "https://shop.example.net/p/{n}"],
    "names": ["sarah", "mike", "jen", "dave", "emma", "tom", "lucy", "raj", "chris", "amy", "liam",
              "olivia", "ben", "grace", "sam", "noah", "zoe", "kev", "priya", "josh"],
    "shops": ["Bargain Corner", "City Motors", "Green Thumb Nursery", "Second Chapter Books",
              "Phone Doctor", "The Attic Dealers", "Little Paws Kennels", "Vintage Finds Co"],
    "items": {
        "phones": ["Apple iPhone 13 128GB", "iPhone 12 Pro Max 256GB", "iPhone SE 2nd gen 64GB",
                   "Samsung Galaxy S22 Ultra", "Samsung Galaxy A54 5G", "Google Pixel 7 Pro",
                   "Google Pixel 6a", "OnePlus 11 5G", "Xiaomi Redmi Note 12", "Motorola Moto G Power",
                   "Sony Xperia 5 III", "iPad Air 5th generation", "Apple Watch Series 7 45mm",
                   "AirPods Pro 2nd generation", "Samsung Galaxy Tab S8"],
        "furniture": ["IKEA Kallax shelf unit", "solid oak dining table", "grey three-seater fabric sofa",
                      "mid-century teak sideboard", "white chest of drawers", "leather recliner armchair",
                      "double bed frame with headboard", "glass coffee table", "office desk with drawers",
                      "set of four dining chairs", "pine wardrobe with mirror", "walnut finish bookcase",
                      "ergonomic office chair", "bunk bed with mattresses"],
        "clothes": ["North Face puffer jacket", "Levi's 501 jeans W32 L32", "Zara wool blend coat",
                    "Nike Air Max 90 trainers", "vintage denim jacket", "summer maxi dress",
                    "Barbour waxed jacket", "Adidas tracksuit", "wedding guest dress", "kids winter boots",
                    "cashmere jumper", "leather biker jacket", "Dr Martens 1460 boots", "men's linen shirt"],
        "cars": ["2014 Volkswagen Golf 1.6 TDI", "2009 Toyota Corolla hatchback", "2017 Ford Focus 1.0 EcoBoost",
                 "2018 Honda Civic Type R", "set of four winter tyres 205/55 R16", "alloy wheels 17 inch 5x112",
                 "BMW E46 headlights pair", "roof bars for Audi A4 Avant", "Bosch car battery 74Ah",
                 "Isofix child car seat", "brake discs and pads front", "Mazda MX-5 soft top",
                 "detachable towbar with electrics", "front and rear dash cam"],
        "toys": ["LEGO Star Wars Millennium Falcon 75257", "Playmobil farm set", "wooden train set with tracks",
                 "Barbie Dreamhouse", "Nintendo Switch with two games", "box of Hot Wheels cars",
                 "baby play gym and mat", "Sylvanian Families village house", "remote control car",
                 "board games bundle Monopoly Cluedo", "kids balance bike", "PlayStation 5 with controller",
                 "Paw Patrol lookout tower", "jigsaw puzzles 1000 pieces"],
        "books": ["Harry Potter complete box set", "Lord of the Rings hardback trilogy",
                  "cookbook bundle Ottolenghi and Jamie Oliver", "GCSE maths revision guides",
                  "Stephen King paperbacks lot of 12", "Agatha Christie first edition",
                  "children's picture books bundle", "university economics textbooks",
                  "Haynes manual Ford Fiesta", "jazz vinyl records collection",
                  "National Geographic magazines 1980s"],
        "jewellery": ["sterling silver pendant necklace", "9ct gold wedding band", "Pandora charm bracelet",
                      "freshwater pearl earrings", "vintage cameo brooch", "Swarovski crystal necklace",
                      "men's stainless steel watch", "Seiko automatic watch", "diamond solitaire ring 0.5ct",
                      "handmade beaded bracelet", "gold hoop earrings"],
        "antiques": ["Victorian mahogany writing desk", "pair of brass candlesticks", "art deco mantel clock",
                     "1950s Singer sewing machine", "antique blue and white china plates",
                     "cast iron fireplace surround", "Edwardian oak mirror", "vintage Leica camera",
                     "old tin toys collection", "Georgian silver teaspoons", "signed landscape oil painting",
                     "19th century copper kettle"],
        "pets": ["Labrador puppies KC registered", "French bulldog puppy", "pair of budgies with cage",
                 "British shorthair kittens", "Cockapoo puppies ready now", "Maine Coon kitten",
                 "rescue cat needs a new home", "Golden retriever puppies", "pair of dwarf rabbits",
                 "guinea pigs with hutch", "hand reared cockatiel", "German shepherd puppies",
                 "large bird cage for budgies", "medium dog crate", "120 litre tropical fish tank"],
        "plants": ["large Monstera deliciosa", "olive tree in pot 1.5m", "lavender plants tray of 12",
                   "bare root rose bushes", "Japanese maple Acer palmatum", "snake plant Sansevieria",
                   "tomato seedlings", "juniper bonsai", "hosta collection", "Brown Turkey fig tree",
                   "succulent cuttings bundle", "strawberry plants 20 runners", "bamboo in container"],
    },
    "attrs": {
        "phones": ["unlocked", "factory unlocked", "with box and charger", "battery health 89%", "no scratches",
                   "dual SIM", "with case", "Midnight black", "silver", "blue", "great condition"],
        "furniture": ["good condition", "must go this weekend", "pickup only", "barely used", "solid wood",
                      "easy to disassemble", "smoke-free home", "with cushions"],
        "clothes": ["worn twice", "new with tags", "size M", "size 12", "UK 9", "excellent condition",
                    "bundle", "genuine", "navy", "black"],
        "cars": ["low mileage", "full service history", "long MOT", "one owner", "fits 2012-2018",
                 "quick sale", "no offers", "like new"],
        "toys": ["complete", "boxed", "like new", "great gift", "ages 3+", "all pieces"],
        "books": ["very good condition", "bundle", "hardback", "paperbacks", "job lot", "collection"],
        "jewellery": ["hallmarked", "boxed", "925 silver", "gift", "barely worn", "with receipt"],
        "antiques": ["original", "collectors item", "circa 1900", "good patina", "house clearance", "rare"],
        "pets": ["ready now", "vaccinated", "microchipped", "health checked", "family raised", "8 weeks"],
        "plants": ["healthy", "well rooted", "collection only", "hardy", "in pot", "mature"],
        # only used by INNOCENT entries
        "beauty": ["unused", "sealed", "gift", "boxed", "bundle"],
        "software": ["licence key", "transferable", "genuine", "commercial use"],
        "music": ["with case", "good condition", "collection only", "plays well", "original"],
        "home": ["unused", "gift idea", "handmade", "boxed", "bargain"],
        "sport": ["used once", "complete", "good condition", "bargain", "boxed"],
    },
    "cat_sent": {
        "phones": ["Selling my {item}, used for about {months} months and always kept in a case with a tempered glass screen protector, so the screen and frame are in really good shape.",
                   "Battery health is at {pct}% and everything works as it should: face unlock, both cameras, speakers, microphone and the charging port, nothing has ever been repaired.",
                   "Factory reset, signed out of all accounts and ready for a new owner; it is unlocked and works on any network, I have used it on two different carriers.",
                   "Comes with the original box, a cable and a clear case, but no charger brick as they stopped putting them in the box.",
                   "There is a small scuff on the bottom corner (see photos) but the screen itself is flawless and has no dead pixels or burn-in.",
                   "Upgraded to a newer model through my contract, so this one is no longer needed and is just sitting in a drawer."],
        "furniture": ["The {item} measures roughly {w} x {d} cm and {h} cm high, so please measure your doors and stairs and check it fits before coming.",
                      "Some light marks on the top from everyday use, nothing that a bit of polish or a tablecloth will not hide, otherwise sturdy and in good order.",
                      "We are moving house and the {item} will not fit in the new place, so it really has to go by the end of the month.",
                      "Already taken apart for easy transport; all screws, dowels and fittings are in a labelled bag and I still have the assembly instructions.",
                      "Collection only from {city}; please bring a second person and a suitable vehicle as it is heavy and will not fit in a small hatchback."],
        "clothes": ["Worn only a couple of times, washed on a cool cycle and ready to wear; it just does not fit me any more since I changed size.",
                    "True to size, measurements pit to pit about {d} cm and about {h} cm long, happy to send more photos or a measurement on request.",
                    "From a pet-free and smoke-free home, carefully folded and posted within two working days of payment with a tracked service.",
                    "Bought last season for {price2} and selling for much less as I need the wardrobe space; no rips, stains or bobbling."],
        "cars": ["{km} miles on the clock, full service history with stamps in the book, two keys, and the logbook is in my name.",
                 "Recent cambelt and water pump, new tyres all round and no warning lights on the dash; it drives straight and the clutch is light.",
                 "Removed from my own car when I upgraded; fitted for about a year with no problems at all, sold as seen without any warranty.",
                 "The part number is on the last photo, please check compatibility with your exact model and year before buying, as I cannot take returns.",
                 "Test drives welcome with proof of insurance, and payment by cash or bank transfer on collection; happy for a mechanic to inspect it."],
        "toys": ["Complete with all pieces, the minifigures and the instruction booklet; I checked everything against the parts list last week.",
                 "My kids have outgrown the {item}; it has been played with and loved but is clean, complete and in good condition.",
                 "Batteries not included; everything has been tested, the lights and sounds work and there are no broken or missing parts.",
                 "Would make a great birthday or Christmas present, it comes from a smoke-free and pet-free home and has been stored in a cupboard."],
        "books": ["All in very good condition, spines uncreased, no writing or highlighting inside and no musty smell, stored on a shelf indoors.",
                  "Selling as a lot only, not splitting; postage is calculated by weight so please ask for a quote to your postcode.",
                  "A few have library stickers or a name written on the inside cover but otherwise they are clean, tight and complete."],
        "jewellery": ["Hallmarked and comes in the original presentation box with the receipt, so it would make a lovely gift.",
                      "Worn a handful of times and professionally cleaned last month, there are no scratches, dents or missing stones.",
                      "Ring size can be adjusted at any jeweller; I am happy to meet at a jeweller in town so you can have it checked first."],
        "antiques": ["Came from my grandparents' house and has been in the family for decades, we just have nowhere to display it now.",
                     "Some wear consistent with its age, see photos for details of the small marks and the one repair on the back.",
                     "I am not sure of the exact date; a local dealer looked at it and estimated it was made around {year}.",
                     "Would suit a collector or someone restoring a period home, it is a genuine old piece and not a reproduction."],
        "pets": ["Mum and dad can both be seen with the litter, and all of them are wormed, flea treated and microchipped.",
                 "Ready to leave at eight weeks with a puppy pack, a bag of food, insurance cover and a blanket that smells of mum.",
                 "Vet checked with first vaccinations done; we like to keep in touch with new owners and are always happy to give advice.",
                 "Litter trained and used to children, other pets and a busy household; only rehoming because of a new allergy in the family."],
        "plants": ["Grown from cuttings in my own garden, healthy and well rooted, with no pests; you can see the parent plant when you collect.",
                   "Collection only as they are in heavy terracotta pots, but I can help load the car and give you care instructions.",
                   "Hardy down to minus ten, happy in full sun or partial shade, and it will fill a large border within a couple of seasons.",
                   "Feed every two weeks in summer and keep it out of direct afternoon sun, and it will keep putting out new leaves."],
    },
    "sent": ["Collection from {city} any evening after six or at the weekend, or I can post it with a tracked courier if you cover the cost.",
             "Cash on collection or bank transfer before dispatch, sorry but no swaps, no silly offers and no time wasters please.",
             "Message me with any questions or if you would like more photos or measurements, I usually reply the same day.",
             "Price is negotiable for a quick sale as we are moving abroad next month and need everything gone; first to see will buy.",
             "Also listed on other sites, so this ad may be removed without notice once it has gone.",
             "Check out my other listings, I am clearing out the house and there is plenty more available, happy to do a deal on several items.",
             "Can deliver locally within about ten miles of {city} for fuel money, further away by arrangement.",
             "Please do not ask if it is still available: if the ad is up, it is, and I will mark it as sold as soon as it goes."],
}

FR = {
    "weight": 6,
    "cities": [("Paris", "EUR"), ("Lyon", "EUR"), ("Marseille", "EUR"), ("Toulouse", "EUR"), ("Lille", "EUR"),
               ("Bordeaux", "EUR"), ("Nantes", "EUR"), ("Bruxelles", "EUR"), ("Montréal", "CAD"),
               ("Genève", "CHF"), ("Abidjan", "XOF")],
    "sites": ["https://annonces.example.fr/annonce/{n}", "https://market.example.com/item/{n}"],
    "names": ["julie", "thomas", "camille", "nicolas", "manon", "antoine", "lea", "hugo", "chloe", "mathieu"],
    "shops": ["Brocante du Marché", "Auto Pièces 69", "Jardinerie des Lilas"],
    "items": {
        "phones": ["iPhone 13 128 Go", "Samsung Galaxy S21 5G", "Google Pixel 7", "Xiaomi Redmi Note 11"],
        "furniture": ["table de salle à manger en chêne", "canapé d'angle convertible", "armoire en pin",
                      "bureau avec tiroirs", "lit double avec sommier"],
        "clothes": ["manteau en laine Zara", "baskets Nike Air Force 1", "robe d'été fleurie", "jean Levi's 501"],
        "cars": ["Peugeot 208 1.2 PureTech 2019", "Renault Clio IV 2016", "pneus hiver 205/55 R16",
                 "barres de toit Citroën C4"],
        "toys": ["Lego City caserne de pompiers", "poupée Barbie avec accessoires", "trottinette enfant",
                 "jeux de société lot de cinq"],
        "books": ["lot de romans policiers", "bandes dessinées Astérix", "livres scolaires de seconde"],
        "jewellery": ["bague en or 18 carats", "collier en argent", "montre Seiko automatique"],
        "antiques": ["horloge comtoise ancienne", "commode Louis XV", "service à café en porcelaine de Limoges"],
        "pets": ["chiots berger australien LOF", "chatons européens", "couple de perruches avec cage",
                 "lapin nain et son clapier"],
        "plants": ["olivier en pot", "plants de tomates", "monstera grand format", "rosiers à racines nues"],
    },
    "attrs": ["très bon état", "comme neuf", "à saisir", "urgent", "prix négociable", "remise en main propre",
              "peu servi", "avec facture"],
    "cat_sent": {
        "phones": ["Vends mon {item}, acheté il y a {months} mois, toujours protégé par une coque et un verre trempé.",
                   "Batterie à {pct} %, aucun problème, débloqué tout opérateur."],
        "furniture": ["Dimensions environ {w} x {d} cm, quelques traces d'usage sur le plateau.",
                      "À venir chercher sur place, démonté si besoin pour le transport."],
        "clothes": ["Porté deux ou trois fois, lavé et prêt à porter, taille normalement.",
                    "Vendu car il ne me va plus, envoi possible en point relais."],
        "cars": ["{km} km, carnet d'entretien à jour, contrôle technique OK.",
                 "Démontées de mon véhicule, vérifiez la compatibilité avant l'achat."],
        "toys": ["Complet avec la notice, mes enfants ont grandi et n'y jouent plus.",
                 "Quelques traces d'usage mais fonctionne parfaitement."],
        "books": ["Bon état général, aucune annotation, vendu en lot uniquement."],
        "jewellery": ["Poinçonné, vendu avec sa boîte d'origine et la facture."],
        "antiques": ["Provient de la maison de mes grands-parents, belle patine d'époque.",
                     "Datation estimée vers {year} par un antiquaire du quartier."],
        "pets": ["Vaccinés, pucés et vermifugés, les parents sont visibles sur place.",
                 "Très sociables, habitués aux enfants, départ à partir de huit semaines."],
        "plants": ["Plantes cultivées dans mon jardin, en bonne santé et bien enracinées."],
    },
    "sent": ["Remise en main propre à {city} ou envoi à vos frais.",
             "Paiement en espèces ou virement, pas d'échange.",
             "N'hésitez pas à me contacter pour plus de photos.",
             "Prix légèrement négociable, premier arrivé premier servi.",
             "Annonce visible tant que l'objet est disponible.",
             "Voir mes autres annonces, je vide mon appartement avant un déménagement.",
             "Je suis disponible le soir après 18 h et le week-end pour la remise en main propre, sinon envoi soigné par colis suivi à la charge de l'acheteur.",
             "Objet visible sur rendez-vous à {city}, merci de ne pas me demander s'il est toujours disponible : tant que l'annonce est en ligne, il l'est."],
}

ES = {
    "weight": 7,
    "cities": [("Madrid", "EUR"), ("Barcelona", "EUR"), ("Valencia", "EUR"), ("Sevilla", "EUR"),
               ("Ciudad de México", "MXN"), ("Guadalajara", "MXN"), ("Bogotá", "COP"), ("Lima", "PEN"),
               ("Buenos Aires", "ARS")],
    "sites": ["https://anuncios.example.es/anuncio/{n}", "https://mercado.example.com.mx/articulo/{n}",
              "https://market.example.com/item/{n}"],
    "names": ["maria", "javier", "lucia", "carlos", "sofia", "diego", "paula", "alejandro", "ana", "pablo"],
    "shops": ["Muebles Hermanos Ruiz", "Recambios del Sur", "Vivero La Huerta"],
    "items": {
        "phones": ["iPhone 12 64 GB", "Samsung Galaxy A53", "Xiaomi Redmi Note 12 Pro", "Motorola Moto G52"],
        "furniture": ["mesa de comedor extensible", "sofá de tres plazas", "armario de dos puertas",
                      "escritorio de madera", "estantería blanca"],
        "clothes": ["chaqueta de cuero", "zapatillas Adidas Superstar", "vestido de fiesta", "abrigo de lana"],
        "cars": ["Seat León 1.6 TDI 2015", "Volkswagen Jetta 2017", "llantas de aleación 16 pulgadas",
                 "neumáticos Michelin 195/65 R15"],
        "toys": ["Lego Friends casa", "cocinita de juguete", "bicicleta infantil", "Nintendo Switch con juegos"],
        "books": ["libros de texto de bachillerato", "colección de novelas de García Márquez", "cómics de Mortadelo"],
        "jewellery": ["anillo de oro", "pendientes de plata", "reloj Casio vintage"],
        "antiques": ["máquina de coser Singer antigua", "reloj de pared antiguo", "baúl de madera antiguo"],
        "pets": ["cachorros de labrador", "gatitos en adopción", "pareja de periquitos con jaula", "cachorro de bulldog francés"],
        "plants": ["olivo en maceta", "plantas de lavanda", "cactus variados", "limonero joven"],
    },
    "attrs": ["como nuevo", "buen estado", "urge vender", "precio negociable", "poco uso", "con factura",
              "entrega en mano", "oferta"],
    "cat_sent": {
        "phones": ["Vendo mi {item}, lo he usado unos {months} meses y siempre con funda y protector.",
                   "Batería al {pct} %, liberado para cualquier compañía, todo funciona perfecto."],
        "furniture": ["Medidas aproximadas {w} x {d} cm, tiene alguna marca de uso normal.",
                      "Hay que recogerlo en casa, se puede desmontar para el transporte."],
        "clothes": ["Usado dos veces, está como nuevo, lo vendo porque no es mi talla.",
                    "Envío por correo o entrega en mano en el centro."],
        "cars": ["{km} km, libro de mantenimiento al día e ITV pasada.",
                 "Desmontadas de mi coche, revisa la compatibilidad antes de comprar."],
        "toys": ["Completo con instrucciones, mis hijos ya no juegan con él."],
        "books": ["En buen estado, sin subrayados, se venden en lote."],
        "jewellery": ["Contrastado, se entrega con su estuche original."],
        "antiques": ["Era de mi abuela, funciona y tiene la pátina de la época.",
                     "Un anticuario lo fechó hacia {year}."],
        "pets": ["Vacunados, desparasitados y con microchip, se pueden ver los padres.",
                 "Muy cariñosos y acostumbrados a niños, se entregan con ocho semanas."],
        "plants": ["Plantas sanas de mi propio jardín, bien enraizadas."],
    },
    "sent": ["Entrega en mano en {city} o envío a cargo del comprador.",
             "Pago en efectivo o por transferencia, no hago cambios.",
             "Si tienes cualquier duda escríbeme por aquí.",
             "Precio algo negociable, el primero que venga se lo lleva.",
             "Mira mis otros anuncios, estoy vaciando el piso por mudanza.",
             "Se puede ver sin compromiso en {city} por las tardes o el fin de semana, y si te interesan varias cosas de mis anuncios te hago un buen precio.",
             "No contesto a ofertas ridículas ni a mensajes preguntando si sigue disponible: si el anuncio está publicado, está disponible."],
}

DE = {
    "weight": 6,
    "cities": [("Berlin", "EUR"), ("Hamburg", "EUR"), ("München", "EUR"), ("Köln", "EUR"), ("Leipzig", "EUR"),
               ("Wien", "EUR"), ("Zürich", "CHF")],
    "sites": ["https://kleinanzeigen.example.de/s-anzeige/{n}", "https://market.example.com/item/{n}"],
    "names": ["anna", "lukas", "laura", "jonas", "lena", "felix", "sarah", "max", "julia", "tim"],
    "shops": ["Möbel Krause", "Autoteile Schmidt", "Gärtnerei am Stadtpark"],
    "items": {
        "phones": ["iPhone 13 mini 128 GB", "Samsung Galaxy S21 FE", "Google Pixel 6", "Fairphone 4"],
        "furniture": ["Esstisch aus Eiche massiv", "Ecksofa mit Schlaffunktion", "Kleiderschrank weiß",
                      "Schreibtisch höhenverstellbar", "IKEA Billy Regal"],
        "clothes": ["Winterjacke Jack Wolfskin", "Sneaker New Balance 574", "Sommerkleid Gr. 38", "Jeans Levi's 511"],
        "cars": ["VW Polo 1.0 TSI 2018", "Opel Astra Kombi 2015", "Winterreifen auf Alufelgen 16 Zoll",
                 "Dachträger für BMW 3er"],
        "toys": ["Lego Technic Bagger", "Playmobil Ritterburg", "Holzeisenbahn mit Schienen", "Kinderfahrrad 16 Zoll"],
        "books": ["Krimis Paket 10 Bücher", "Harry Potter Gesamtausgabe", "Schulbücher Oberstufe"],
        "jewellery": ["Goldring 585", "Silberkette mit Anhänger", "Armbanduhr Junghans"],
        "antiques": ["alte Standuhr", "Biedermeier Kommode", "Kaffeeservice Meissen"],
        "pets": ["Labrador Welpen", "Kitten abzugeben", "Wellensittiche Pärchen mit Käfig", "Zwergkaninchen"],
        "plants": ["Olivenbaum im Topf", "Tomatenpflanzen", "Monstera groß", "Lavendel Pflanzen"],
    },
    "attrs": ["neuwertig", "guter Zustand", "nur Abholung", "VB", "Privatverkauf", "kaum benutzt",
              "mit Rechnung", "top Zustand"],
    "cat_sent": {
        "phones": ["Verkaufe mein {item}, ca. {months} Monate alt, immer mit Hülle und Panzerglas benutzt.",
                   "Akku bei {pct} %, ohne SIM-Lock, alles funktioniert einwandfrei."],
        "furniture": ["Maße ca. {w} x {d} cm, leichte Gebrauchsspuren auf der Platte.",
                      "Muss abgeholt werden, kann vorher zerlegt werden."],
        "clothes": ["Nur zweimal getragen, passt mir leider nicht mehr.",
                    "Versand gegen Aufpreis möglich, Tierfreier Nichtraucherhaushalt."],
        "cars": ["{km} km gelaufen, scheckheftgepflegt, TÜV neu.",
                 "Von meinem Auto abgebaut, bitte vor dem Kauf die Passform prüfen."],
        "toys": ["Vollständig mit Anleitung, die Kinder sind leider rausgewachsen."],
        "books": ["Guter Zustand, keine Anstreichungen, nur als Paket abzugeben."],
        "jewellery": ["Gestempelt, mit Originaletui und Rechnung."],
        "antiques": ["Aus dem Nachlass meiner Großeltern, schöne alte Patina.",
                     "Laut Händler etwa um {year} entstanden."],
        "pets": ["Geimpft, gechipt und entwurmt, die Elterntiere können besichtigt werden.",
                 "Sehr zutraulich und an Kinder gewöhnt, Abgabe ab acht Wochen."],
        "plants": ["Aus eigenem Garten gezogen, gesund und gut bewurzelt."],
    },
    "sent": ["Abholung in {city}, Versand auf Kosten des Käufers möglich.",
             "Barzahlung bei Abholung oder Überweisung, keine Rücknahme.",
             "Bei Fragen gerne melden, weitere Fotos auf Anfrage.",
             "Preis ist Verhandlungsbasis, wer zuerst kommt, mahlt zuerst.",
             "Schaut auch gerne in meine anderen Anzeigen, wir lösen den Haushalt auf.",
             "Besichtigung in {city} abends oder am Wochenende nach Absprache möglich, bei mehreren Artikeln aus meinen Anzeigen mache ich gerne einen Paketpreis.",
             "Privatverkauf, daher keine Garantie und keine Rücknahme; die Anzeige ist online, solange der Artikel verfügbar ist, bitte keine Nachfragen."],
}

VI = {
    "weight": 4,
    "cities": [("Hà Nội", "VND"), ("TP.HCM", "VND"), ("Đà Nẵng", "VND"), ("Hải Phòng", "VND"), ("Cần Thơ", "VND")],
    "sites": ["https://chotot.example.vn/tin/{n}.htm", "https://shop.example.net/p/{n}"],
    "names": ["Minh Anh", "Tuấn", "Hương", "Quang Huy", "Thảo", "Đức", "Lan", "Hoàng"],
    "shops": ["Shop điện thoại Minh Phát", "Nội thất Gia Hưng", "Vườn cây Xanh"],
    "items": {
        "phones": ["iPhone 13 Pro Max 256GB", "Samsung Galaxy S21 Ultra", "Xiaomi Redmi Note 11", "OPPO A57"],
        "furniture": ["bàn làm việc gỗ sồi", "tủ quần áo 3 cánh", "sofa da 3 chỗ", "giường ngủ 1m6 gỗ thông"],
        "clothes": ["áo khoác nam chống nước", "váy đầm dự tiệc", "giày Nike chính hãng", "quần jean nữ"],
        "cars": ["Honda Wave Alpha 2019", "Toyota Vios 2018", "lốp xe Michelin", "mũ bảo hiểm fullface"],
        "toys": ["đồ chơi Lego chính hãng", "xe điều khiển từ xa", "búp bê Barbie", "xe đạp trẻ em"],
        "books": ["sách giáo khoa lớp 10", "truyện tranh Doraemon trọn bộ", "tiểu thuyết Nguyễn Nhật Ánh"],
        "jewellery": ["nhẫn vàng 18k", "dây chuyền bạc", "đồng hồ Casio"],
        "antiques": ["bình gốm Bát Tràng cổ", "đồng hồ treo tường cổ", "tiền xu cổ"],
        "pets": ["chó Poodle con", "mèo Anh lông ngắn", "chim yến phụng một cặp", "chó Corgi thuần chủng"],
        "plants": ["cây kim tiền", "cây lưỡi hổ", "lan hồ điệp", "cây bonsai mini"],
    },
    "attrs": ["còn mới 95%", "chính hãng", "giá rẻ", "cần bán gấp", "bao test", "fullbox", "ship COD"],
    "cat_sent": {
        "phones": ["Cần bán {item}, máy dùng được {months} tháng, pin còn {pct}%, chưa sửa chữa.",
                   "Máy zin nguyên bản, đầy đủ hộp sạc, bảo hành 1 đổi 1 trong 7 ngày."],
        "furniture": ["Kích thước khoảng {w} x {d} cm, gỗ chắc chắn, còn mới.",
                      "Do chuyển nhà nên cần thanh lý gấp, khách tự vận chuyển."],
        "clothes": ["Mới mặc một hai lần, còn như mới, do không vừa nên bán lại."],
        "cars": ["Xe chạy {km} km, giấy tờ đầy đủ, máy móc êm.", "Hàng tháo xe, còn tốt, bao lắp cho khách."],
        "toys": ["Đồ chơi còn đầy đủ chi tiết, bé nhà mình lớn rồi nên bán lại."],
        "books": ["Sách còn mới, không ghi chép, bán cả bộ."],
        "jewellery": ["Hàng có giấy kiểm định, còn nguyên hộp."],
        "antiques": ["Đồ cổ gia đình để lại, đã lâu năm.", "Người bán đồ cổ ước tính khoảng năm {year}."],
        "pets": ["Đã tiêm phòng và tẩy giun, bé rất khỏe và ngoan.", "Bố mẹ thuần chủng, có thể đến xem trực tiếp."],
        "plants": ["Cây khỏe, đã ra rễ tốt, thích hợp để bàn làm việc."],
    },
    "sent": ["Giao hàng tận nơi ở {city}, ship COD toàn quốc.",
             "Liên hệ Zalo hoặc gọi điện để xem hàng.",
             "Giá có thương lượng cho người thiện chí.",
             "Hàng như hình, ai cần inbox mình nhé.",
             "Không trả lời tin nhắn hỏi giá thấp, cảm ơn.",
             "Anh chị ở {city} có thể qua xem trực tiếp vào buổi tối hoặc cuối tuần, mua nhiều món trong các tin đăng của mình sẽ được giảm giá thêm.",
             "Hàng đã kiểm tra kỹ trước khi giao, nếu có lỗi do nhà sản xuất trong ba ngày đầu thì mình đổi trả miễn phí."],
}

ZH = {
    "weight": 5,
    "cities": [("北京", "CNY"), ("上海", "CNY"), ("广州", "CNY"), ("深圳", "CNY"), ("杭州", "CNY"),
               ("成都", "CNY"), ("香港", "HKD")],
    "sites": ["https://xianyu.example.cn/item?id={n}", "https://bazaar.example.org/offer/{n}"],
    "names": ["小王", "李姐", "阿杰", "陈先生", "张女士", "小林", "老周"],
    "shops": ["数码二手店", "老刘家具", "花花世界园艺"],
    "items": {
        "phones": ["iPhone 13 128G 国行", "华为 Mate 40 Pro", "小米13 8+256", "OPPO Reno9"],
        "furniture": ["实木餐桌 一桌四椅", "宜家书架", "布艺沙发 三人位", "儿童床 带床垫"],
        "clothes": ["优衣库羽绒服 M码", "耐克运动鞋 42码", "连衣裙 全新带吊牌", "羊毛大衣"],
        "cars": ["大众朗逸 2018款", "丰田卡罗拉 2016款", "轮胎四条 205/55R16", "行车记录仪"],
        "toys": ["乐高 星球大战 千年隼", "遥控车", "芭比娃娃套装", "儿童滑板车"],
        "books": ["哈利波特 全套", "考研数学复习资料", "儿童绘本 一箱"],
        "jewellery": ["周大福黄金手链", "925银项链", "珍珠耳环"],
        "antiques": ["老式缝纫机", "民国青花瓷盘", "老座钟"],
        "pets": ["柯基幼犬", "英短蓝猫 幼猫", "虎皮鹦鹉一对 带笼子", "金毛幼犬"],
        "plants": ["龟背竹 大盆", "多肉植物一组", "发财树", "绿萝"],
    },
    "attrs": ["九成新", "自用闲置", "包邮", "可小刀", "同城自提", "急出", "正品"],
    "cat_sent": {
        "phones": ["自用{item}，用了{months}个月，电池健康{pct}%，无拆无修。", "配件齐全，原装盒子都在。"],
        "furniture": ["尺寸大约{w}×{d}厘米，有轻微使用痕迹。", "搬家急出，需要自己上门搬运。"],
        "clothes": ["只穿过两三次，尺码不合适所以转让。"],
        "cars": ["行驶{km}公里，保养记录齐全，无事故。", "原车拆下，请确认车型后再拍。"],
        "toys": ["零件齐全，说明书都在，孩子大了不玩了。"],
        "books": ["书本干净无笔记，整套出。"],
        "jewellery": ["有证书和发票，盒子齐全。"],
        "antiques": ["家里老人留下的老物件，年代感很足。", "大概是{year}年前后的东西。"],
        "pets": ["疫苗驱虫都做了，性格亲人，可以上门看父母。"],
        "plants": ["自己家养的，根系发达，长势很好。"],
    },
    "sent": ["{city}同城自提优先，也可以发顺丰到付。", "有任何问题欢迎私聊。", "非诚勿扰，不退不换。",
             "价格可以小刀，砍价太狠的勿扰。", "原价买的，现在便宜出，看中直接拍。",
             "晚上和周末都可以来{city}看货，多买几样我主页里的东西可以再便宜一些，打包一起带走更划算。",
             "东西都是仔细检查过的，发货前会拍视频给你确认，收到有问题三天内可以联系我处理。"],
}

TH = {
    "weight": 3,
    "cities": [("กรุงเทพฯ", "THB"), ("เชียงใหม่", "THB"), ("ขอนแก่น", "THB"), ("ภูเก็ต", "THB"), ("ชลบุรี", "THB")],
    "sites": ["https://kaidee.example.co.th/product-{n}", "https://shop.example.net/p/{n}"],
    "names": ["น้องมายด์", "พี่ต้น", "ร้านคุณแอน", "บอย", "ปุ๊กกี้"],
    "shops": ["ร้านมือถือมือสอง", "เฟอร์นิเจอร์บ้านสวย", "สวนไม้ประดับ"],
    "items": {
        "phones": ["iPhone 13 128GB สีดำ", "Samsung Galaxy A54 มือสอง", "OPPO Reno 8", "Xiaomi Redmi Note 12"],
        "furniture": ["โซฟา 3 ที่นั่ง", "โต๊ะทำงานไม้", "ตู้เสื้อผ้า 2 บาน", "เตียงนอน 6 ฟุต"],
        "clothes": ["เสื้อยืดมือสอง", "กางเกงยีนส์ Levi's", "ชุดเดรสออกงาน", "รองเท้าผ้าใบ Nike"],
        "cars": ["Honda City ปี 2016", "Toyota Vios ปี 2015", "ล้อแม็ก 15 นิ้ว", "ยางรถยนต์ 4 เส้น"],
        "toys": ["เลโก้ของแท้", "ตุ๊กตาหมี", "รถบังคับ", "ของเล่นเด็ก"],
        "books": ["หนังสือนิยาย", "หนังสือเรียน ม.4", "การ์ตูนมังงะ ยกชุด"],
        "jewellery": ["สร้อยคอทอง", "แหวนเงินแท้", "ต่างหูมุก"],
        "antiques": ["ตู้ไม้สักโบราณ", "นาฬิกาแขวนโบราณ", "จักรเย็บผ้าโบราณ"],
        "pets": ["ลูกสุนัขโกลเด้น", "ลูกแมวสก็อตติชโฟลด์", "นกหงส์หยก 1 คู่", "ปลาคาร์ฟ"],
        "plants": ["ต้นมอนสเตอร่า", "ต้นมะนาว", "ไม้ฟอกอากาศ", "ต้นลิ้นมังกร"],
    },
    "attrs": ["สภาพดี", "มือสอง", "ราคาถูก", "ส่งฟรี", "ของแท้", "ด่วน"],
    "cat_sent": {
        "phones": ["ขาย{item} ใช้มา {months} เดือน แบตเตอรี่ {pct}% ไม่เคยซ่อม", "อุปกรณ์ครบกล่อง ใช้งานได้ปกติทุกอย่าง"],
        "furniture": ["ขนาดประมาณ {w} x {d} ซม. มีรอยใช้งานเล็กน้อย", "ขายเพราะย้ายบ้าน ต้องมารับเอง"],
        "clothes": ["ใส่ไปแค่สองครั้ง ขายเพราะไม่พอดีตัว"],
        "cars": ["วิ่งมา {km} กม. เข้าศูนย์ตลอด เอกสารครบ", "ถอดจากรถตัวเอง สภาพดีพร้อมใช้"],
        "toys": ["ของเล่นครบชิ้น ลูกโตแล้วเลยขาย"],
        "books": ["หนังสือสภาพดี ไม่มีรอยขีดเขียน ขายยกชุด"],
        "jewellery": ["มีใบรับประกันและกล่องครบ"],
        "antiques": ["ของเก่าของคุณตา เก็บรักษาไว้อย่างดี"],
        "pets": ["ฉีดวัคซีนและถ่ายพยาธิแล้ว น้องแข็งแรงขี้อ้อนมาก"],
        "plants": ["ต้นแข็งแรง รากเดินดี เลี้ยงง่าย"],
    },
    "sent": ["นัดรับได้ที่{city} หรือส่งไปรษณีย์", "สนใจทักแชทหรือโทรมาได้เลยค่ะ", "ราคานี้ต่อรองได้นิดหน่อย",
             "มีตำหนิเล็กน้อยตามรูป", "ของจริงตรงปก ไม่จกตา",
             "สะดวกให้มาดูของที่{city}ช่วงเย็นหรือวันหยุด ถ้าซื้อหลายชิ้นในร้านลดให้อีก แพ็คของอย่างดีส่งทุกวัน",
             "เช็คสภาพก่อนส่งทุกครั้ง ถ้ามีปัญหาจากการขนส่งภายในสามวันแจ้งได้เลย ยินดีดูแลค่ะ"],
}

ID = {
    "weight": 4,
    "cities": [("Jakarta Selatan", "IDR"), ("Surabaya", "IDR"), ("Bandung", "IDR"), ("Medan", "IDR"),
               ("Yogyakarta", "IDR")],
    "sites": ["https://jualbeli.example.co.id/iklan/{n}", "https://shop.example.net/p/{n}"],
    "names": ["budi", "siti", "agus", "dewi", "rizky", "putri", "andi"],
    "shops": ["Toko HP Berkah", "Mebel Jati Jepara", "Kebun Bunga Asri"],
    "items": {
        "phones": ["iPhone 11 64GB", "Samsung Galaxy A52", "Xiaomi Redmi Note 10", "Vivo Y21"],
        "furniture": ["lemari pakaian 2 pintu", "sofa minimalis", "meja makan kayu jati", "kasur springbed"],
        "clothes": ["kemeja batik pria", "gamis wanita", "sepatu Nike original", "jaket denim"],
        "cars": ["Honda Beat 2019", "Toyota Avanza 2015", "velg racing ring 15", "ban mobil Bridgestone"],
        "toys": ["mainan anak edukasi", "Lego original", "mobil remote control", "sepeda anak"],
        "books": ["buku pelajaran SMA", "novel Tere Liye", "komik One Piece lengkap"],
        "jewellery": ["cincin emas", "kalung perak", "jam tangan Casio"],
        "antiques": ["guci antik", "radio jadul", "lampu gantung kuno"],
        "pets": ["anak kucing persia", "anjing pomeranian", "burung lovebird", "ikan koi"],
        "plants": ["tanaman hias monstera", "bibit durian", "anggrek dendrobium", "kaktus mini"],
    },
    "attrs": ["mulus", "bekas", "murah", "bisa nego", "original", "bisa COD", "fullset"],
    "cat_sent": {
        "phones": ["Jual {item}, pemakaian {months} bulan, baterai {pct}%, belum pernah servis.",
                   "Fullset dus charger, semua fungsi normal."],
        "furniture": ["Ukuran sekitar {w} x {d} cm, kondisi masih kokoh.", "Dijual karena pindah rumah, ambil sendiri."],
        "clothes": ["Baru dipakai dua kali, masih seperti baru."],
        "cars": ["Kilometer {km}, surat lengkap, pajak hidup.", "Copotan mobil sendiri, kondisi masih bagus."],
        "toys": ["Mainan masih lengkap, anak sudah besar jadi dijual."],
        "books": ["Buku masih bersih, tidak ada coretan."],
        "jewellery": ["Lengkap dengan surat dan kotak."],
        "antiques": ["Barang peninggalan kakek, masih berfungsi."],
        "pets": ["Sudah vaksin dan obat cacing, sehat dan lincah."],
        "plants": ["Tanaman sehat, akar sudah kuat."],
    },
    "sent": ["Bisa COD di {city} atau kirim pakai JNE.", "Harga nego tipis, minat langsung chat.",
             "Dijual karena sudah tidak terpakai.", "Barang sesuai foto, tanya-tanya dulu boleh.",
             "Bisa lihat langsung di rumah saya di {city} sore hari atau akhir pekan, kalau beli beberapa barang sekaligus harga bisa dikurangi lagi.",
             "Pengiriman dikemas rapi dengan bubble wrap dan kardus, resi dikirim setelah barang diserahkan ke kurir."],
}

RU = {
    "weight": 3,
    "cities": [("Москва", "RUB"), ("Санкт-Петербург", "RUB"), ("Новосибирск", "RUB"), ("Екатеринбург", "RUB"),
               ("Казань", "RUB")],
    "sites": ["https://obyavleniya.example.ru/item/{n}", "https://market.example.com/item/{n}"],
    "names": ["Анна", "Дмитрий", "Елена", "Сергей", "Ольга", "Алексей", "Мария"],
    "shops": ["Мебель на Ленина", "Автозапчасти 24", "Садовый центр"],
    "items": {
        "phones": ["iPhone 12 64 ГБ", "Samsung Galaxy S20", "Xiaomi Redmi Note 11", "Honor 50"],
        "furniture": ["диван угловой", "шкаф-купе", "стол обеденный раздвижной", "детская кровать"],
        "clothes": ["пуховик женский", "кроссовки Adidas", "зимняя куртка мужская", "платье вечернее"],
        "cars": ["Лада Гранта 2019", "Renault Logan 2014", "зимние шины R16", "автомагнитола"],
        "toys": ["конструктор Lego", "детская коляска", "радиоуправляемая машина", "кукла Барби"],
        "books": ["учебники для 9 класса", "собрание сочинений Чехова", "детские книги пакетом"],
        "jewellery": ["золотое кольцо 585", "серебряная цепочка", "часы Восток"],
        "antiques": ["советский самовар", "фарфоровые статуэтки СССР", "старинные часы с боем"],
        "pets": ["щенки лабрадора", "котята британские", "волнистые попугаи пара", "кролик декоративный"],
        "plants": ["рассада помидоров", "монстера большая", "фикус Бенджамина", "кактусы"],
    },
    "attrs": ["б/у", "отличное состояние", "срочно", "торг", "новый", "самовывоз"],
    "cat_sent": {
        "phones": ["Продаю {item}, пользовался {months} месяцев, аккумулятор {pct}%, не ремонтировался.",
                   "Полный комплект, коробка и зарядка в наличии."],
        "furniture": ["Размеры примерно {w} на {d} см, следы эксплуатации минимальные.",
                      "Продаю в связи с переездом, самовывоз."],
        "clothes": ["Носила пару раз, не подошёл размер."],
        "cars": ["Пробег {km} км, обслуживание вовремя, не битая.", "Снято со своей машины, в хорошем состоянии."],
        "toys": ["Всё в комплекте, ребёнок вырос."],
        "books": ["Книги в хорошем состоянии, без пометок."],
        "jewellery": ["С биркой и коробочкой, есть чек."],
        "antiques": ["Досталось от бабушки, в рабочем состоянии."],
        "pets": ["Привиты, обработаны от паразитов, к лотку приучены."],
        "plants": ["Растения здоровые, хорошо укоренились."],
    },
    "sent": ["Самовывоз из {city}, возможна доставка.", "Торг уместен, звоните или пишите.",
             "Всё работает, есть чек и коробка.", "Пишите в личные сообщения, отвечу быстро.",
             "Посмотреть можно в {city} вечером после работы или в выходные, при покупке нескольких вещей из моих объявлений сделаю скидку.",
             "Отправлю транспортной компанией или почтой после полной оплаты, упакую надёжно, трек-номер пришлю в тот же день."],
}

LANGS = {"en": EN, "fr": FR, "es": ES, "de": DE, "vi": VI, "zh": ZH, "th": TH, "id": ID, "ru": RU}
NO_SPACES = {"zh", "th"}          # titles are chunks, not words; sentences joined without spaces
WATCHLIST_LANG = {"zh": "zh-Hans"}  # our language code -> the watchlist's

# ----------------------------------------------------------------------------------------
# Wildlife offers, per language (filled with the watchlist's own products and names)
# ----------------------------------------------------------------------------------------

OFFERS = {
    "en": {"weight": 45,
           "p_title": ["{P}", "{P} for sale", "Old {p}", "Genuine {p}", "Antique {p} from estate"],
           "p_attrs": ["genuine", "pre-ban", "rare", "large", "estate find", "100% real", "wholesale",
                       "certificate", "old stock", "serious buyers"],
           "p_sent": ["Genuine {p} from my late grandfather's collection, about {cm} cm and {g} g.",
                      "Pre-ban piece, no paperwork but it has been in the family since the 1960s.",
                      "Serious buyers only, message me on WhatsApp or Telegram for more photos and a video.",
                      "Can ship worldwide, well packed and discreet; payment by bank transfer or USDT.",
                      "Wholesale quantities available for regular buyers, price per kilo on request.",
                      "Real, not resin or plastic; you can do the hot needle test when it arrives."],
           "l_title": ["{N} for sale", "Baby {n} hand reared", "Young {n} very tame", "{N} pair available"],
           "l_attrs": ["hand reared", "very tame", "captive bred", "with cage", "no papers", "eating alone"],
           "l_sent": ["Beautiful young {n}, about {months} months old, eating well on its own and very tame.",
                      "Hand raised at home and used to people; comes with cage, food and toys.",
                      "Captive bred, no papers but healthy; pick up from {city} or courier at your own risk.",
                      "Price is firm, deposit to reserve, contact me on WhatsApp."]},
    "fr": {"weight": 5,
           "p_title": ["{P} authentique", "Ancien {p}", "{P} à vendre"],
           "p_attrs": ["ancien", "authentique", "véritable", "collection", "rare", "XIXe siècle"],
           "p_sent": ["Authentique {p}, pièce de famille, environ {cm} cm pour {g} g.",
                      "Pièce d'avant 1947, pas de certificat mais garantie d'époque.",
                      "Envoi discret possible partout en Europe, paiement par virement.",
                      "Contactez-moi par WhatsApp pour d'autres photos."],
           "l_title": ["{N} à vendre", "Jeune {n} très apprivoisé"],
           "l_attrs": ["né en captivité", "apprivoisé", "avec cage", "sans papiers"],
           "l_sent": ["Jeune {n} d'environ {months} mois, mange seul et très apprivoisé.",
                      "Vendu avec cage et nourriture, pas de papiers, à récupérer à {city}."]},
    "es": {"weight": 6,
           "p_title": ["{P} auténtico", "Se vende {p}", "{P} antiguo"],
           "p_attrs": ["auténtico", "antiguo", "original", "colección", "raro", "envío discreto"],
           "p_sent": ["{P} auténtico, pieza antigua de la familia, mide unos {cm} cm.",
                      "Sin papeles pero garantizado original, no es resina.",
                      "Envío discreto a toda España y Latinoamérica, pago por transferencia.",
                      "Interesados escribir por WhatsApp, solo compradores serios."],
           "l_title": ["Se vende {n}", "{N} criado a mano"],
           "l_attrs": ["muy manso", "criado a mano", "con jaula", "sin papeles"],
           "l_sent": ["{N} joven de {months} meses, muy manso y acostumbrado a la gente.",
                      "Se entrega con jaula en {city}, sin papeles."]},
    "de": {"weight": 5,
           "p_title": ["{P} aus Nachlass", "Biete {p}", "Altes {p}"],
           "p_attrs": ["antik", "echt", "Sammlerstück", "selten", "Privatverkauf", "Nachlass"],
           "p_sent": ["Biete {p} aus einem Nachlass, ca. {cm} cm, {g} g.",
                      "Vor 1947 entstanden, keine Papiere, aber garantiert echt, kein Kunstharz.",
                      "Diskreter Versand möglich, Zahlung per Überweisung.",
                      "Bei Interesse gerne per WhatsApp melden, weitere Bilder auf Anfrage."],
           "l_title": ["{N} abzugeben", "Junger {n} handzahm"],
           "l_attrs": ["handzahm", "Nachzucht", "mit Käfig", "ohne Papiere"],
           "l_sent": ["Junges Tier ({n}), ca. {months} Monate alt, frisst selbstständig und ist handzahm.",
                      "Nachzucht ohne Papiere, nur Abholung in {city}."]},
    "vi": {"weight": 10,
           "p_title": ["Bán {p} thật", "{P} hàng hiếm", "{P} sưu tầm"],
           "p_attrs": ["thật 100%", "bao test", "hàng hiếm", "giá tốt", "ship COD", "sưu tầm"],
           "p_sent": ["Bán {p} hàng thật 100%, nặng {g} gram, bao test trọn đời.",
                      "Hàng sưu tầm lâu năm, cam kết không phải hàng giả.",
                      "Ship COD toàn quốc, inbox Zalo để xem thêm ảnh và video.",
                      "Giá tốt cho khách mua số lượng, giao hàng kín đáo."],
           "l_title": ["Bán {n} con non", "{N} đã thuần"],
           "l_attrs": ["đã thuần", "ăn tốt", "khỏe mạnh", "giao tận nơi"],
           "l_sent": ["{N} con non khoảng {months} tháng tuổi, ăn uống tốt, rất dạn người.",
                      "Giao tận nơi ở {city}, liên hệ Zalo."]},
    "zh": {"weight": 10,
           "p_title": ["出{p}", "{p} 保真", "老{p}"],
           "p_attrs": ["保真", "老料", "收藏级", "包邮", "可验货", "天然"],
           "p_sent": ["出{p}，{g}克，保真，假一赔十。", "老物件，祖传收藏，非树脂。",
                      "可视频看货，私聊微信。", "量大从优，包邮，发货隐蔽。"],
           "l_title": ["出售{n}幼崽", "{n} 已驯化"],
           "l_attrs": ["已驯化", "亲人", "包活", "可视频"],
           "l_sent": ["{n}幼崽，{months}个月大，已经会自己吃东西，很亲人。", "{city}同城自提，外地发货自负风险，私聊。"]},
    "th": {"weight": 7,
           "p_title": ["ขาย{p} ของแท้", "{p} เก่าเก็บ"],
           "p_attrs": ["ของแท้", "เก่าเก็บ", "หายาก", "ราคาถูก", "ส่งฟรี"],
           "p_sent": ["ขาย{p} ของแท้ 100% น้ำหนัก {g} กรัม", "ของเก่าเก็บ สะสมมานาน รับประกันแท้",
                      "ส่งได้ทั่วประเทศ สนใจทักไลน์", "ราคาต่อรองได้สำหรับลูกค้าที่จริงใจ"],
           "l_title": ["ขาย{n} ลูกเลี้ยง", "{n} เชื่องมาก"],
           "l_attrs": ["เชื่อง", "กินเองได้", "แข็งแรง"],
           "l_sent": ["{n}อายุประมาณ {months} เดือน กินเองได้แล้ว เชื่องมาก", "นัดรับได้ที่{city} หรือส่งทางรถทัวร์"]},
    "id": {"weight": 7,
           "p_title": ["Jual {p} asli", "{P} langka", "{P} koleksi lama"],
           "p_attrs": ["asli", "langka", "koleksi", "murah", "bisa COD"],
           "p_sent": ["Jual {p} asli 100%, berat {g} gram.", "Barang koleksi lama, dijamin asli bukan resin.",
                      "Bisa kirim ke seluruh Indonesia, COD area {city}.", "Minat hubungi WA, serius saja."],
           "l_title": ["Jual {n} anakan", "{N} jinak"],
           "l_attrs": ["jinak", "sehat", "sudah makan sendiri"],
           "l_sent": ["{N} umur sekitar {months} bulan, sudah makan sendiri dan jinak.",
                      "Kirim luar kota bisa, area {city} bisa COD, hubungi WA."]},
    "ru": {"weight": 5,
           "p_title": ["Продаю {p}", "{P}, старинный", "{P} из коллекции"],
           "p_attrs": ["подлинный", "старинный", "коллекционный", "редкость", "срочно"],
           "p_sent": ["Продаю {p}, подлинный, около {cm} см.", "Старая вещь из семейной коллекции, не пластик.",
                      "Отправка по всей России, оплата переводом на карту.",
                      "Пишите в Telegram за дополнительными фото."],
           "l_title": ["Продам {n}", "{N}, ручной"],
           "l_attrs": ["ручной", "здоровый", "с клеткой"],
           "l_sent": ["{N}, возраст около {months} месяцев, ест сам, очень ручной.",
                      "Самовывоз из {city}, возможна доставка."]},
}

# ----------------------------------------------------------------------------------------
# Innocent uses of watchlist words: (language, category, title, [sentences], USD price range)
# ----------------------------------------------------------------------------------------

INNOCENT = [
    ("en", "clothes", "Ivory white lace wedding dress", ["Ivory white lace wedding dress with a long train, worn once and professionally cleaned.", "Bodice has boning and a zip with hook and eye, altered to fit a UK size 10."], (150, 900)),
    ("en", "clothes", "Zara ivory satin blouse", ["Ivory satin blouse from Zara, size S, only worn to one dinner party.", "Dry clean only, no marks or pulls."], (8, 30)),
    ("en", "furniture", "Ivory colour cushion covers set of 4", ["Four cushion covers in an ivory colour cotton weave, 45 x 45 cm with hidden zips.", "Bought for the spare room but the colour does not match."], (10, 40)),
    ("en", "furniture", "Ivory leather corner sofa", ["Ivory leather corner sofa, seats five, some wear on the armrests.", "Legs unscrew for moving, fits through a standard door."], (120, 600)),
    ("en", "clothes", "Ivory Coast 2024 home football shirt", ["Official Ivory Coast home shirt from the 2024 tournament, size L, orange.", "Worn to one match, washed once."], (25, 70)),
    ("en", "plants", "Tiger lily bulbs pack of 10", ["Ten tiger lily bulbs, orange with dark spots, flowering in July and August.", "Plant in spring in well drained soil, come back every year."], (5, 15)),
    ("en", "beauty", "Tiger Balm red ointment pack of 3", ["Three jars of Tiger Balm Red 19 g, sealed, expiry 2027.", "Bought too many on holiday in Singapore."], (6, 20)),
    ("en", "clothes", "Onitsuka Tiger Mexico 66 trainers", ["Onitsuka Tiger Mexico 66 trainers in yellow and black, UK 8.", "Worn a few times, soles still in great shape."], (35, 90)),
    ("en", "toys", "The Tiger Who Came to Tea plush and book set", ["Plush tiger from The Tiger Who Came to Tea with the hardback book.", "Lovely bedtime set for toddlers, from a smoke free home."], (8, 25)),
    ("en", "software", "Rhino 3D 7 licence commercial use", ["Rhino 3D version 7 commercial licence, transferable, with the original licence key.", "Moving to another CAD package for work so no longer needed."], (300, 900)),
    ("en", "cars", "Rhino Ramps car ramps pair", ["Pair of Rhino Ramps for lifting a car for oil changes, rated for two tonnes.", "Light scuffs, otherwise perfect."], (20, 60)),
    ("en", "cars", "Jaguar XF 2.2d 2013 breaking for parts", ["Breaking a Jaguar XF 2.2 diesel 2013 for parts, engine, gearbox, doors and interior available.", "Message with the part you need and your postcode."], (20, 900)),
    ("en", "cars", "Jaguar E-Type diecast model 1:18", ["Jaguar E-Type in British racing green, 1:18 diecast, boxed.", "Opening doors and bonnet, display only."], (25, 90)),
    ("en", "music", "Fender Jaguar electric guitar sunburst", ["Fender Jaguar in three-tone sunburst, with hard case and a fresh setup.", "Plays beautifully, a couple of small dings on the back."], (700, 1500)),
    ("en", "clothes", "Leopard print faux fur coat size 12", ["Leopard print faux fur coat, size 12, warm and in great condition.", "No real fur, it is a synthetic pile."], (20, 80)),
    ("en", "pets", "Leopard gecko with full vivarium setup", ["Friendly leopard gecko, about two years old, with vivarium, heat mat, thermostat and hides.", "Eats mealworms and crickets, handles well."], (80, 250)),
    ("en", "toys", "Leopard 2 tank model kit 1/35", ["Leopard 2A6 tank model kit in 1/35 scale, unbuilt and complete.", "Sprues still sealed in bags."], (20, 60)),
    ("en", "toys", "The Lion King plush Simba and Nala", ["Simba and Nala plush toys from The Lion King, about 30 cm each.", "Clean and cuddly, from a pet free home."], (8, 30)),
    ("en", "home", "Lion's mane mushroom grow kit", ["Lion's mane mushroom grow kit, fruits in two weeks on the kitchen counter.", "Spare kit from an order of two."], (10, 30)),
    ("en", "toys", "Large hippo soft toy", ["Big grey hippo soft toy, about 60 cm long, super soft.", "Barely played with."], (10, 35)),
    ("en", "clothes", "Cheetah print leggings and top set", ["Cheetah print leggings and matching top, size M.", "Perfect for the gym, worn twice."], (10, 30)),
    ("en", "music", "Fleetwood Mac Tusk vinyl LP 1979 original pressing", ["Fleetwood Mac Tusk double LP, 1979 original pressing with inner sleeves.", "Vinyl is VG+, sleeve has light ring wear."], (25, 80)),
    ("en", "pets", "Tortoiseshell kitten female 10 weeks", ["Sweet tortoiseshell kitten, female, ten weeks old, litter trained.", "First vaccination done, eats wet and dry food."], (60, 200)),
    ("en", "jewellery", "Ray-Ban tortoise shell sunglasses frames", ["Ray-Ban Wayfarer in a tortoise shell acetate frame, with the case.", "Lenses have a couple of tiny marks."], (40, 110)),
    ("en", "jewellery", "Sterling silver seahorse pendant necklace", ["Little seahorse pendant in sterling silver on an 18 inch chain.", "Gift box included."], (15, 45)),
    ("en", "beauty", "Pink coral nail polish set", ["Set of three nail polishes in pink coral, peach and nude, unused.", "Duplicate present."], (5, 15)),
    ("en", "furniture", "Rosewood finish TV cabinet", ["TV cabinet in a rosewood finish veneer over MDF, 140 cm wide.", "Two doors and a glass shelf, easy to carry."], (30, 120)),
    ("en", "music", "Yamaha acoustic guitar with Indian rosewood fingerboard", ["Yamaha acoustic guitar, spruce top with an Indian rosewood fingerboard, with gig bag.", "Great beginner guitar, new strings."], (120, 400)),
    ("en", "home", "Agarwood scented soy candle", ["Hand poured soy candle with an agarwood and amber scent, 40 hour burn.", "Fragrance oil blend, made in my kitchen."], (8, 25)),
    ("en", "cars", "Shark fin antenna for car roof", ["Universal shark fin antenna cover for the car roof, gloss black.", "Sticks on over the old whip aerial, radio still works."], (8, 30)),
    ("en", "home", "Peregrine falcon framed photo print", ["Framed photo print of a peregrine falcon in flight, 50 x 70 cm.", "Taken by a local photographer, ready to hang."], (30, 120)),
    ("en", "sport", "Tiger shark fishing lure set", ["Set of six soft lures in a tiger shark pattern for sea fishing.", "Unused in the box."], (8, 25)),
    ("en", "beauty", "Red coral lipstick MAC matte", ["MAC matte lipstick in a red coral shade, swatched once.", "Not my colour."], (8, 20)),
    ("en", "toys", "Curious George chimp plush", ["Curious George chimp plush, 40 cm, with the yellow hat.", "Clean and in great condition."], (8, 25)),
    ("en", "jewellery", "Silver sea turtle necklace", ["Sea turtle necklace in sterling silver with a blue stone.", "Worn a few times on holiday."], (15, 40)),
    ("en", "toys", "Schleich hammerhead shark figure", ["Schleich hammerhead shark figure, about 18 cm.", "Part of a sea life collection my son no longer plays with."], (4, 12)),
    ("en", "sport", "Manta ray kite for the beach", ["Giant manta ray kite, single line, easy to fly in light wind.", "Used twice at the beach."], (15, 45)),
    ("en", "toys", "Giant clam shell sandpit with lid", ["Plastic giant clam shell sandpit, the lid doubles as a paddling pool.", "Faded a little from the sun."], (15, 40)),
    ("en", "toys", "Narwhal plush unicorn of the sea", ["Narwhal plush, the unicorn of the sea, 50 cm, super soft.", "Bought for a baby shower, still with tags."], (10, 30)),
    ("en", "toys", "Pangolin plush toy WWF adoption pack", ["Pangolin plush from a WWF adoption pack, with the certificate and fact sheet.", "Supporting conservation, good as new."], (10, 30)),
    ("en", "toys", "Orangutan soft toy with baby", ["Orangutan soft toy holding a baby, about 35 cm.", "Lovely gift, from a smoke free home."], (10, 30)),
    ("en", "sport", "Gibbon slackline 15 m kit", ["Gibbon slackline kit, 15 m with ratchet and tree protection.", "Used one summer in the park."], (30, 80)),
    ("en", "antiques", "Tiger oak pattern vintage dresser", ["Vintage dresser with a tiger stripe veneer pattern, three drawers and a mirror.", "Solid and heavy, collection only."], (80, 300)),
    ("en", "clothes", "Ivory knitted baby cardigan", ["Hand knitted baby cardigan in ivory wool, 0-3 months.", "Never worn, smoke free home."], (8, 25)),
    ("en", "toys", "Hungry Hungry Hippos game complete", ["Hungry Hungry Hippos game with all four hippos and marbles.", "Box a bit battered."], (5, 15)),
    ("fr", "clothes", "Robe de mariée ivoire taille 38", ["Robe de mariée ivoire en dentelle, taille 38, portée une fois et nettoyée.", "Traîne amovible, retouches faites."], (150, 800)),
    ("fr", "books", "Baume du tigre rouge lot de deux", ["Deux pots de baume du tigre rouge, neufs et scellés.", "Date limite 2027."], (6, 20)),
    ("fr", "cars", "Jaguar XE pièces détachées", ["Pièces détachées pour Jaguar XE 2016, phares, portières et rétroviseurs.", "Envoi possible partout en France."], (30, 600)),
    ("fr", "toys", "Peluche pangolin toute douce", ["Peluche pangolin de 40 cm, toute douce, comme neuve.", "Cadeau pour enfant amoureux des animaux."], (8, 25)),
    ("es", "clothes", "Vestido color marfil talla M", ["Vestido largo color marfil, talla M, usado una sola vez en una boda.", "Tela fluida, sin manchas."], (20, 90)),
    ("es", "books", "Bálsamo de tigre blanco pack de tres", ["Tres botes de bálsamo de tigre blanco, sin abrir.", "Ideal para dolores musculares."], (6, 20)),
    ("es", "cars", "Jaguar XF despiece completo", ["Despiece de Jaguar XF 2012, motor, caja y carrocería.", "Envíos a toda la península."], (30, 900)),
    ("de", "clothes", "Brautkleid Elfenbein Größe 38", ["Brautkleid in Elfenbein, Größe 38, einmal getragen und gereinigt.", "Schnürung am Rücken, Schleppe abnehmbar."], (150, 800)),
    ("de", "cars", "Jaguar XJ Ersatzteile Scheinwerfer", ["Scheinwerfer und Rückleuchten für Jaguar XJ X351, gebraucht.", "Versand möglich."], (50, 400)),
    ("de", "clothes", "Onitsuka Tiger Sneaker Gr. 42", ["Onitsuka Tiger Mexico 66 in Gelb, Größe 42, nur wenige Male getragen.", "Sohle fast wie neu, Nichtraucherhaushalt."], (35, 80)),
    ("vi", "toys", "Gấu bông hình tê tê 40cm", ["Gấu bông hình con tê tê 40cm, vải nhung mềm, cuộn tròn được.", "Quà tặng cho bé yêu động vật."], (5, 15)),
    ("vi", "toys", "Móc khóa hình cá ngựa", ["Móc khóa hình cá ngựa bằng hợp kim, màu bạc, mới 100%.", "Làm quà tặng rất dễ thương."], (1, 4)),
    ("zh", "clothes", "象牙白 纯棉衬衫 L码", ["象牙白纯棉长袖衬衫，L码，全新带吊牌，买大了转卖。"], (10, 30)),
    ("zh", "furniture", "象牙白 布艺沙发", ["象牙白色布艺沙发，三人位，可拆洗。", "搬家急出，需自提。"], (60, 300)),
    ("zh", "furniture", "沉香味 香薰蜡烛", ["沉香味香薰蜡烛，大豆蜡手工制作，燃烧约四十小时。", "香精调配，不含天然沉香。"], (5, 15)),
    ("th", "jewellery", "จี้ม้าน้ำ เงินแท้", ["จี้รูปม้าน้ำ เงินแท้ 925 พร้อมสร้อย ใส่ไม่กี่ครั้ง"], (10, 30)),
    ("ru", "clothes", "Платье цвета слоновой кости", ["Платье цвета слоновой кости, размер 44, надевала один раз на свадьбу подруги.", "Ткань плотная, без пятен."], (30, 120)),
    ("ru", "furniture", "Шкаф цвета слоновой кости", ["Шкаф-купе цвета слоновой кости, ширина 160 см.", "Самовывоз, разобран."], (80, 300)),
    ("id", "toys", "Boneka trenggiling lucu", ["Boneka trenggiling lucu 30 cm, bahan lembut.", "Kado untuk anak pecinta hewan."], (3, 10)),
]


# ----------------------------------------------------------------------------------------
# Generator
# ----------------------------------------------------------------------------------------

def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def nice_price(rng, usd_lo, usd_hi, currency):
    usd = math.exp(rng.uniform(math.log(usd_lo), math.log(usd_hi)))
    x = usd * PER_USD[currency]
    step = 10 ** max(0, math.floor(math.log10(x)) - 1)
    x = max(step, round(x / step) * step)
    if currency in ("USD", "GBP", "EUR", "CAD", "AUD") and x >= 10 and rng.random() < 0.25:
        x -= 1                              # 249 rather than 250
    return float(x)


class Generator:
    def __init__(self, rng, taxa):
        self.rng = rng
        self.taxa = taxa
        self.lang_pairs = [(code, spec["weight"]) for code, spec in LANGS.items()]
        self.offer_pairs = [(code, spec["weight"]) for code, spec in OFFERS.items()]
        # Per language: (kind, taxon id, term) where kind is "p" (product) or "l" (live animal name).
        self.terms = {}
        for code in OFFERS:
            wl = WATCHLIST_LANG.get(code, code)
            items = []
            for t in taxa:
                for p in (t.get("products") or {}).get(wl, []) or []:
                    items.append(("p", t["id"], p))
                for n in (t.get("names") or {}).get(wl, []) or []:
                    items.append(("l", t["id"], n))
            self.terms[code] = items

    # --- common fields --------------------------------------------------------------
    def fill(self, lang, city):
        r = self.rng
        return {"city": city, "months": r.randint(2, 30), "pct": r.randint(78, 100), "w": r.randrange(40, 220, 5),
                "d": r.randrange(30, 100, 5), "h": r.randrange(40, 200, 5), "km": f"{r.randrange(8, 160) * 1000:,}",
                "year": r.randrange(1860, 1960, 5), "price2": f"{r.randrange(40, 300)}", "cm": r.randint(4, 60),
                "g": r.randrange(20, 2000, 10)}

    def meta(self, lang, currency_hint=None):
        """lang hint, seller, city/currency, url."""
        r = self.rng
        spec = LANGS[lang]
        city, currency = r.choice(spec["cities"])
        hint = lang
        x = r.random()
        if x < 0.08:
            hint = None
        elif x < 0.13:
            hint = r.choice(["en", "und", "fr", "zh-CN"]) if lang != "en" else r.choice(["en-US", "en-GB", "und"])
        if r.random() < 0.1:
            seller = None
        elif r.random() < 0.15:
            seller = r.choice(spec["shops"])
        else:
            name = r.choice(spec["names"])
            seller = r.choice([f"{name}{r.randint(1, 99)}", f"{name}_{r.randint(70, 99)}", name,
                               f"{name}.{r.choice(['shop', 'sells', 'home', 'deals'])}"]) if lang not in NO_SPACES | {"ru", "vi"} else name
        url = None if r.random() < 0.05 else r.choice(spec["sites"]).format(n=r.randint(100000, 99999999))
        location = None if r.random() < 0.12 else city
        return hint, seller, city, currency, url, location

    def title(self, base, attrs, lang, lo=5, hi=12):
        r = self.rng
        parts = [base]
        pool = list(attrs)
        r.shuffle(pool)
        if lang in NO_SPACES:
            for a in pool[:r.randint(1, 3)]:
                parts.append(a)
            return " ".join(parts)
        target = r.randint(lo, hi)
        words = len(base.split())
        seps = [", ", " - ", " ", " | ", ", "]
        out = base
        for a in pool:
            n = len(a.split())
            if words >= target or words + n > hi:
                continue
            out += r.choice(seps) + a
            words += n
        while words < lo:                       # short bases with few attrs: add a filler word
            out += " " + r.choice(["available", "today", "cheap", "bargain"] if lang == "en" else pool or ["ok"])
            words += 1
        if r.random() < 0.03:
            out = out.upper() if lang == "en" and r.random() < 0.5 else out + r.choice([" !!", " 🔥", " ✨"])
        return cap(out)

    def description(self, first, pool, lang, values, minimum=None):
        r = self.rng
        target = minimum if minimum is not None else r.randint(200, 600)
        if lang in NO_SPACES:
            target //= 3                        # same content, fewer (wider) characters
        sentences = [s.format(**values) for s in first]
        rest = [s for s in pool]
        r.shuffle(rest)
        limit = r.choice([1, 2, 3, 4, 4, 4])
        while rest and len(sentences) < 4 and (len(sentences) < limit or sum(map(len, sentences)) < target):
            sentences.append(rest.pop().format(**values))
        joiner = "" if lang == "zh" else " "
        return joiner.join(sentences)

    def record(self, id_, title, description, price, currency, url, seller, location, lang):
        d = {"id": id_, "title": title, "description": description}
        r = self.rng
        if price is not None:
            if r.random() < 0.02:
                d["price"] = f"{price:,.0f}"
            else:
                d["price"] = price
            d["currency"] = currency
        if url:
            d["url"] = url
        if seller:
            d["seller"] = seller
        if location:
            d["location"] = location
        if lang:
            d["lang"] = lang
        return d

    # --- kinds ----------------------------------------------------------------------
    def ordinary(self, id_):
        r = self.rng
        lang = weighted(r, self.lang_pairs)
        spec = LANGS[lang]
        cat = weighted(r, CATEGORIES)
        item = r.choice(spec["items"][cat])
        attrs = spec["attrs"][cat] if isinstance(spec["attrs"], dict) else spec["attrs"]
        hint, seller, city, currency, url, location = self.meta(lang)
        values = self.fill(lang, city)
        values["item"] = item
        title = self.title(item, attrs, lang)
        cat_pool = spec["cat_sent"][cat]
        first = [r.choice(cat_pool)]
        pool = [s for s in cat_pool if s != first[0]] + spec["sent"]
        desc = self.description(first, pool, lang, values)
        band = "vehicles" if cat == "cars" and MODEL_YEAR.search(item) else cat
        price = None if r.random() < 0.08 else nice_price(r, *PRICE_USD[band], currency)
        return self.record(id_, title, desc, price, currency, url, seller, location, hint), lang

    def offer(self, id_):
        r = self.rng
        lang = weighted(r, self.offer_pairs)
        spec, ospec = LANGS[lang], OFFERS[lang]
        terms = self.terms[lang]
        kind = "p" if r.random() < 0.7 else "l"
        choices = [t for t in terms if t[0] == kind] or terms
        kind, _, term = r.choice(choices)
        hint, seller, city, currency, url, location = self.meta(lang)
        values = self.fill(lang, city)
        if kind == "p":
            values.update(p=term, P=cap(term))
            base = r.choice(ospec["p_title"]).format(**values)
            title = self.title(base, ospec["p_attrs"], lang)
            first = [r.choice(ospec["p_sent"][:1] + ospec["p_sent"])]
            pool = [s for s in ospec["p_sent"] if s != first[0]] + spec["sent"][:2]
        else:
            values.update(n=term, N=cap(term))
            base = r.choice(ospec["l_title"]).format(**values)
            title = self.title(base, ospec["l_attrs"], lang)
            first = [r.choice(ospec["l_sent"])]
            pool = [s for s in ospec["l_sent"] if s != first[0]] + spec["sent"][:2]
        desc = self.description(first, pool, lang, values)
        price = None if r.random() < 0.3 else nice_price(r, *PRICE_USD["wildlife"], currency)  # "price on request"
        return self.record(id_, title, desc, price, currency, url, seller, location, hint), lang

    def innocent(self, id_):
        r = self.rng
        lang, cat, base, sents, (lo, hi) = r.choice(INNOCENT)
        spec = LANGS[lang]
        hint, seller, city, currency, url, location = self.meta(lang)
        values = self.fill(lang, city)
        values["item"] = base
        attrs = spec["attrs"][cat] if isinstance(spec["attrs"], dict) else spec["attrs"]
        title = self.title(base, attrs, lang)
        desc = self.description(sents, spec["sent"], lang, values)
        price = None if r.random() < 0.05 else nice_price(r, lo, hi, currency)
        return self.record(id_, title, desc, price, currency, url, seller, location, hint), lang


def listing_fields(obj):
    return {k: obj[k] for k in LISTING_FIELDS if k in obj and obj[k] is not None}


def default_out(count):
    name = f"listings-{count // 1000}k.jsonl" if count % 1000 == 0 else f"listings-{count}.jsonl"
    return DEFAULT_DIR / name


def replicate(src, count, out):
    lines = [json.loads(l) for l in Path(src).read_text(encoding="utf-8").splitlines() if l.strip()]
    if not lines:
        sys.exit(f"gen_listings.py: {src} has no listings")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            obj = listing_fields(lines[i % len(lines)])
            obj["id"] = f"{obj.get('id', 'x')}-r{i // len(lines):04d}"
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"gen_listings.py: {out} ({count} lines from {len(lines)} in {src}, "
          f"{out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000, help="listings to write (default 100000)")
    ap.add_argument("--wildlife-share", type=float, default=0.05,
                    help="fraction of listings that name a watchlist term (default 0.05)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, help="output file (default .data/listings-<count>.jsonl)")
    ap.add_argument("--watchlist", type=Path, default=WATCHLIST)
    ap.add_argument("--examples", type=Path, default=EXAMPLES)
    ap.add_argument("--from", dest="source", type=Path,
                    help="replicate this JSONL file to --count lines instead (new ids, Listing fields only)")
    args = ap.parse_args()
    if args.count <= 0:
        ap.error("--count must be positive")
    if not 0 <= args.wildlife_share <= 1:
        ap.error("--wildlife-share must be between 0 and 1")
    out = args.out or default_out(args.count)
    if args.source:
        replicate(args.source, args.count, out)
        return

    started = time.time()
    rng = random.Random(args.seed)
    with open(args.watchlist, encoding="utf-8") as f:
        taxa = yaml.safe_load(f)["taxa"]
    examples = [listing_fields(json.loads(l)) for l in open(args.examples, encoding="utf-8") if l.strip()]
    gen = Generator(rng, taxa)

    wild = round(args.count * args.wildlife_share)
    wild_at = set(rng.sample(range(args.count), wild))
    kinds = {"ordinary": 0, "offer": 0, "innocent": 0, "example": 0}
    ids = {"offer": [], "innocent": [], "example": []}
    langs = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for i in range(args.count):
            id_ = f"mp-{i + 1:07d}"
            kind = weighted(rng, WILDLIFE_MIX) if i in wild_at else "ordinary"
            if kind == "example" and not examples:
                kind = "offer"
            if kind == "ordinary":
                obj, lang = gen.ordinary(id_)
            elif kind == "offer":
                obj, lang = gen.offer(id_)
            elif kind == "innocent":
                obj, lang = gen.innocent(id_)
            else:
                obj = dict(rng.choice(examples))
                obj["id"] = id_
                lang = obj.get("lang") or "?"
            kinds[kind] += 1
            if kind != "ordinary":
                ids[kind].append(id_)
            langs[lang] = langs.get(lang, 0) + 1
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    tmp.replace(out)
    meta = {"generator": "gen_listings.py", "seed": args.seed, "count": args.count,
            "wildlife_share": args.wildlife_share, "bytes": out.stat().st_size, "kinds": kinds,
            "languages": dict(sorted(langs.items(), key=lambda kv: -kv[1])), "ids": ids}
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"gen_listings.py: {out} ({args.count} listings, {meta['bytes'] / 1e6:.1f} MB, "
          f"{', '.join(f'{k} {v}' for k, v in kinds.items())}; {time.time() - started:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
