"""The name tables of the synthetic world: states and their capitals and towns, posts, given names and
surname syllables, topics, policies, organisations, missions, exercise words, regiments, agreement kinds;
the calendar words and the date range of the corpus."""
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
