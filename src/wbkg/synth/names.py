"""The name tables of the synthetic world: states and their capitals and towns, posts, given names and
surname syllables, topics, policies, organisations, missions, exercise words, regiments, agreement kinds;
Wikidata items of the real entities among them, wars and NATO accessions for historical background; the
calendar words and the date range of the corpus."""
from __future__ import annotations

import re
from datetime import date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DATE = date(2012, 1, 1)
LAST_DATE = date(2025, 12, 31)

# name, demonym, ISO 3166 alpha-2 (or user-assigned code), capital, Western Balkans?
STATES = [
    ("United Kingdom", "British", "GB", "London", False),
    ("Kosovo", "Kosovar", "XK", "Pristina", True),
    ("Serbia", "Serbian", "RS", "Belgrade", True),
    ("Albania", "Albanian", "AL", "Tirana", True),
    ("North Macedonia", "Macedonian", "MK", "Skopje", True),
    ("Montenegro", "Montenegrin", "ME", "Podgorica", True),
    ("Bosnia and Herzegovina", "Bosnian", "BA", "Sarajevo", True),
    ("Croatia", "Croatian", "HR", "Zagreb", False),
    ("Germany", "German", "DE", "Berlin", False),
    ("United States", "American", "US", "Washington", False),
    ("France", "French", "FR", "Paris", False),
    ("Italy", "Italian", "IT", "Rome", False),
    ("Slovenia", "Slovenian", "SI", "Ljubljana", False),
    ("Greece", "Greek", "GR", "Athens", False),
    ("Bulgaria", "Bulgarian", "BG", "Sofia", False),
    ("Romania", "Romanian", "RO", "Bucharest", False),
    ("Hungary", "Hungarian", "HU", "Budapest", False),
    ("Austria", "Austrian", "AT", "Vienna", False),
    ("Poland", "Polish", "PL", "Warsaw", False),
    ("Netherlands", "Dutch", "NL", "Amsterdam", False),
    ("Norway", "Norwegian", "NO", "Oslo", False),
    ("Denmark", "Danish", "DK", "Copenhagen", False),
    ("Sweden", "Swedish", "SE", "Stockholm", False),
    ("Finland", "Finnish", "FI", "Helsinki", False),
    ("Czechia", "Czech", "CZ", "Prague", False),
    ("Slovakia", "Slovak", "SK", "Bratislava", False),
    ("Estonia", "Estonian", "EE", "Tallinn", False),
    ("Latvia", "Latvian", "LV", "Riga", False),
    ("Lithuania", "Lithuanian", "LT", "Vilnius", False),
    ("Portugal", "Portuguese", "PT", "Lisbon", False),
    ("Spain", "Spanish", "ES", "Madrid", False),
    ("Belgium", "Belgian", "BE", "Brussels", False),
    ("Canada", "Canadian", "CA", "Ottawa", False),
    ("Ireland", "Irish", "IE", "Dublin", False),
    ("Switzerland", "Swiss", "CH", "Bern", False),
]
TOWNS = {  # a few more settlements per Western Balkan state
    "Kosovo": ["Prizren", "Mitrovica", "Peja", "Ferizaj"], "Serbia": ["Novi Sad", "Niš", "Kraljevo", "Cepotina"],
    "Albania": ["Durrës", "Vlorë", "Shkodër"], "North Macedonia": ["Ohrid", "Bitola", "Krivolak"],
    "Montenegro": ["Nikšić", "Bar", "Kotor"], "Bosnia and Herzegovina": ["Banja Luka", "Mostar", "Tuzla"],
    "United Kingdom": ["Salisbury", "Aldershot", "Brecon", "Edinburgh"],
}
POST_KINDS = [  # (kind label, ontology post kind)
    ("Prime Minister", "HeadOfGovernment"), ("President", "HeadOfState"), ("Defence Minister", "DefenceMinister"),
    ("Foreign Minister", "ForeignMinister"),
]
UK_POSTS = [("Prime Minister of the United Kingdom", ["British Prime Minister", "UK Prime Minister"], "HeadOfGovernment"),
            ("Secretary of State for Defence", ["Defence Secretary", "British Defence Secretary"], "DefenceMinister"),
            ("Foreign Secretary", ["British Foreign Secretary"], "ForeignMinister"),
            ("Minister for the Armed Forces", ["Armed Forces Minister"], "DefenceMinister")]
FIRST_NAMES = ["Ardian", "Besnik", "Dritan", "Edon", "Fatmir", "Genti", "Ilir", "Jeton", "Lulzim", "Mimoza", "Nora",
               "Teuta", "Vjosa", "Aleksandar", "Bojan", "Dragan", "Goran", "Ivana", "Jelena", "Marija", "Milica",
               "Nikola", "Stefan", "Vesna", "Zoran", "Amra", "Emir", "Haris", "Lejla", "Selma", "Tarik", "Andrej",
               "Biljana", "Darko", "Elena", "Filip", "Katerina", "Ana", "Danilo", "Jovana", "Marko", "Milo", "James",
               "Sarah", "David", "Emma", "Oliver", "Helen", "Thomas", "Rachel", "John", "Grant", "Catherine", "Luke",
               "Anna", "Hans", "Klaus", "Sophie", "Pierre", "Claire", "Giulia", "Marco", "Piotr", "Agnieszka", "Lars",
               "Ingrid", "Jan", "Eva", "Peter", "Maria", "Tomas", "Laura", "Michael", "Julia", "Robert", "Kristina"]
FEMALE_NAMES = {"Mimoza", "Nora", "Teuta", "Vjosa", "Ivana", "Jelena", "Marija", "Milica", "Vesna", "Amra", "Lejla",
                "Selma", "Biljana", "Elena", "Katerina", "Ana", "Jovana", "Sarah", "Emma", "Helen", "Rachel",
                "Catherine", "Anna", "Sophie", "Claire", "Giulia", "Agnieszka", "Ingrid", "Eva", "Maria", "Laura",
                "Julia", "Kristina"}
SYLLABLES = ["ber", "ko", "va", "ri", "sha", "dra", "mi", "lo", "ni", "ta", "ze", "ra", "ho", "li", "pa", "so",
             "du", "ge", "ma", "vi", "ka", "le", "to", "ba", "ne", "sti", "mo", "ja", "ru", "di", "fe", "ga"]
SURNAME_ENDINGS = ["ić", "ović", "aj", "i", "ski", "son", "er", "ov", "ova", "ević", "ani", "an", "ley", "man",
                   "etti", "ard", "ek", "ström", "sen", "ovski"]
ASCII = str.maketrans({"ć": "c", "č": "c", "š": "s", "ž": "z", "đ": "d", "ë": "e", "ö": "o", "ç": "c"})
TOPICS = ["irregular migration", "organised crime", "cyber security", "disinformation", "regional stability",
          "defence reform", "border security", "people smuggling", "counter-terrorism", "arms control",
          "military mobility", "energy security", "hybrid threats", "demining", "peacekeeping training"]
POLICIES = [("return hubs", "Policy"), ("Berlin Process", "Initiative"), ("NATO-first approach", "Policy"),
            ("Western Balkans Defence Initiative", "Initiative"), ("Joint Expeditionary Force partnership", "Initiative"),
            ("regional returns scheme", "Policy"), ("Adriatic Charter", "Initiative"),
            ("Balkan Cyber Resilience Programme", "Initiative")]
ORGS = [("NATO", ["Nato", "the North Atlantic Treaty Organization"], "InternationalOrganisation", "nato"),
        ("European Union", ["EU"], "InternationalOrganisation", "european-union"),
        ("United Nations", ["UN"], "InternationalOrganisation", "united-nations"),
        ("OSCE", ["Organization for Security and Co-operation in Europe"], "InternationalOrganisation", "osce"),
        ("Chatham House", [], "ThinkTank", "chatham-house"),
        ("Royal United Services Institute", ["RUSI"], "ThinkTank", "rusi")]
MISSIONS = [("KFOR", ["Kosovo Force"], "PeaceSupportMission", "nato", 1999, 4500),
            ("EUFOR Althea", ["Operation Althea"], "PeaceSupportMission", "european-union", 2004, 1100),
            ("Western Balkans Land Regional Coordination Cell", ["Regional Coordination Cell"], "TrainingMission",
             "united-kingdom", 2021, 60),
            ("NATO Advisory Team Sarajevo", [], "TrainingMission", "nato", 2004, 40),
            ("Operation Lighthouse", [], "TrainingMission", "united-kingdom", 2016, 120),
            ("NATO Liaison Office Belgrade", [], "PeaceSupportMission", "nato", 2006, 20),
            ("Operation Stalwart Bridge", [], "TrainingMission", "united-kingdom", 2019, 250),
            ("EU Monitoring Mission Balkans", [], "PeaceSupportMission", "european-union", 2008, 300)]
EXERCISE_WORDS = (["Platinum", "Silver", "Iron", "Northern", "Adriatic", "Balkan", "Steadfast", "Swift", "Noble",
                   "Saber", "Trident", "Eagle"],
                  ["Wolf", "Response", "Shield", "Guardian", "Falcon", "Bridge", "Lance", "Sentry", "Strike", "Storm"])
REGIMENTS = ["Royal Irish Regiment", "Rifles", "Royal Anglian Regiment", "Yorkshire Regiment", "Mercian Regiment",
             "Royal Welsh", "Parachute Regiment", "Light Dragoons", "Royal Gurkha Rifles", "Royal Engineers"]
ORDINALS = ["1st", "2nd", "3rd", "4th"]
AGREEMENT_KINDS = ["Defence Cooperation", "Border Security", "Military Training", "Cyber Security", "Returns",
                   "Intelligence Sharing", "Demining", "Defence Procurement"]


def slugify(text: str) -> str:
    text = text.translate(ASCII).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

# Wikidata items, given only for entities whose identity is certain (docs/MODEL.md): the states, the
# international organisations and a few capitals (the items graph/entities.ttl uses for the same entities)
WIKIDATA = {
    "United Kingdom": "Q145", "Kosovo": "Q1246", "Serbia": "Q403", "Albania": "Q222", "North Macedonia": "Q221",
    "Montenegro": "Q236", "Bosnia and Herzegovina": "Q225", "Croatia": "Q224", "Germany": "Q183",
    "United States": "Q30", "France": "Q142", "Italy": "Q38", "Slovenia": "Q215", "Greece": "Q41",
    "Bulgaria": "Q219", "Romania": "Q218", "Hungary": "Q28", "Austria": "Q40", "Poland": "Q36",
    "Netherlands": "Q55", "Norway": "Q20", "Denmark": "Q35", "Sweden": "Q34", "Finland": "Q33", "Czechia": "Q213",
    "Slovakia": "Q214", "Estonia": "Q191", "Latvia": "Q211", "Lithuania": "Q37", "Portugal": "Q45", "Spain": "Q29",
    "Belgium": "Q31", "Canada": "Q16", "Ireland": "Q27", "Switzerland": "Q39",
    "NATO": "Q7184", "European Union": "Q458", "United Nations": "Q1065", "OSCE": "Q81299",
    "London": "Q84", "Belgrade": "Q3711", "Skopje": "Q384", "Berlin": "Q64", "Paris": "Q90", "Rome": "Q220",
}
# historical background: wars (label, first year, last year) ...
WARS = [("Ten-Day War", 1991, 1991), ("Croatian War of Independence", 1991, 1995), ("Bosnian War", 1992, 1995),
        ("Kosovo War", 1998, 1999)]
# ... and NATO accessions (state, year, month)
NATO_ACCESSIONS = [("Poland", 1999, 3), ("Hungary", 1999, 3), ("Czechia", 1999, 3), ("Slovenia", 2004, 3),
                   ("Bulgaria", 2004, 3), ("Romania", 2004, 3), ("Slovakia", 2004, 3), ("Estonia", 2004, 3),
                   ("Latvia", 2004, 3), ("Lithuania", 2004, 3), ("Albania", 2009, 4), ("Croatia", 2009, 4),
                   ("Montenegro", 2017, 6), ("North Macedonia", 2020, 3), ("Finland", 2023, 4), ("Sweden", 2024, 3)]
# where officers of the world served in peace support operations (state), and from which year
SERVICE_PLACES = [("Bosnia and Herzegovina", 1996), ("Kosovo", 1999)]
