"""The project vocabularies as rdflib DefinedNamespaces: a misspelt term is an AttributeError, not a new IRI.

WBKG mirrors ontology/wbkg.ttl exactly (tests/ontology/test_namespaces.py checks both directions).
"""
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "https://w3id.org/wbkg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")


class WBKG(DefinedNamespace):
    """Terms of the wbkg ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Accepted: URIRef
    Accession: URIRef
    Address: URIRef
    Agent: URIRef
    Agreement: URIRef
    AgreementStatus: URIRef
    AgreementStatusScheme: URIRef
    Ambassador: URIRef
    Announced: URIRef
    Announcement: URIRef
    Approximately: URIRef
    Approximation: URIRef
    ApproximationScheme: URIRef
    ArmedForces: URIRef
    Article: URIRef
    AtLeast: URIRef
    Attack: URIRef
    Commemoration: URIRef
    Conditional: URIRef
    Contribution: URIRef
    CountUnit: URIRef
    CriminalActivity: URIRef
    DatePrecision: URIRef
    DatePrecisionScheme: URIRef
    Day: URIRef
    Days: URIRef
    Decade: URIRef
    DefenceMinister: URIRef
    Demonstration: URIRef
    Deployment: URIRef
    Discarded: URIRef
    Document: URIRef
    ElectionCampaign: URIRef
    Euros: URIRef
    Event: URIRef
    Evidence: URIRef
    Exact: URIRef
    Exemption: URIRef
    Exercise: URIRef
    ForeignMinister: URIRef
    Founding: URIRef
    GovernmentBody: URIRef
    Group: URIRef
    HeadOfGovernment: URIRef
    HeadOfState: URIRef
    HistoricalState: URIRef
    InForce: URIRef
    Initiative: URIRef
    InternationalOrganisation: URIRef
    Meeting: URIRef
    Membership: URIRef
    Mention: URIRef
    MentionRule: URIRef
    MilitaryCampaign: URIRef
    MilitaryCommander: URIRef
    MilitaryService: URIRef
    MilitaryUnit: URIRef
    Ministry: URIRef
    Mission: URIRef
    Missions: URIRef
    Month: URIRef
    MoreThan: URIRef
    Negotiation: URIRef
    Opposes: URIRef
    Organisation: URIRef
    PartiallyRecognised: URIRef
    PeaceSupportMission: URIRef
    People: URIRef
    Person: URIRef
    Place: URIRef
    Planned: URIRef
    Pledge: URIRef
    Policy: URIRef
    PoliticalParty: URIRef
    Position: URIRef
    PositionScheme: URIRef
    Post: URIRef
    PostKind: URIRef
    PostKindScheme: URIRef
    Proposed: URIRef
    Publication: URIRef
    Quantity: URIRef
    RecognitionStatus: URIRef
    RecognitionStatusScheme: URIRef
    Region: URIRef
    Rejected: URIRef
    ReviewStatus: URIRef
    ReviewStatusScheme: URIRef
    Settlement: URIRef
    Signature: URIRef
    Signed: URIRef
    Signing: URIRef
    Site: URIRef
    Stance: URIRef
    State: URIRef
    Statement: URIRef
    States: URIRef
    Summit: URIRef
    Supports: URIRef
    Tenure: URIRef
    TextSpan: URIRef
    ThinkTank: URIRef
    Topic: URIRef
    TrainingMission: URIRef
    Troops: URIRef
    UnderNegotiation: URIRef
    Unit: URIRef
    UnitScheme: URIRef
    Unreviewed: URIRef
    Vague: URIRef
    Visit: URIRef
    War: URIRef
    WidelyRecognised: URIRef
    Year: URIRef
    Years: URIRef
    agent: URIRef
    agreement: URIRef
    amount: URIRef
    approximation: URIRef
    asOf: URIRef
    basedIn: URIRef
    beginIndex: URIRef
    byRule: URIRef
    charCount: URIRef
    commemorates: URIRef
    comparedWith: URIRef
    concerns: URIRef
    condition: URIRef
    confidence: URIRef
    contributesTo: URIRef
    contributor: URIRef
    contributorCount: URIRef
    date: URIRef
    datePrecision: URIRef
    denotes: URIRef
    description: URIRef
    directQuote: URIRef
    duration: URIRef
    earliestDate: URIRef
    endDate: URIRef
    endIndex: URIRef
    establishes: URIRef
    exact: URIRef
    exempts: URIRef
    expressedIn: URIRef
    extends: URIRef
    follows: URIRef
    hasPart: URIRef
    holder: URIRef
    holds: URIRef
    host: URIRef
    inArticle: URIRef
    iso3166Alpha2: URIRef
    latestDate: URIRef
    ledBy: URIRef
    lowerBound: URIRef
    mandatedBy: URIRef
    member: URIRef
    memberOf: URIRef
    metadataSource: URIRef
    mission: URIRef
    notAfter: URIRef
    notBefore: URIRef
    occasion: URIRef
    ofState: URIRef
    onBehalfOf: URIRef
    onBehalfOfState: URIRef
    organisation: URIRef
    outlines: URIRef
    partOf: URIRef
    participant: URIRef
    party: URIRef
    place: URIRef
    position: URIRef
    post: URIRef
    postIn: URIRef
    postKind: URIRef
    precededBy: URIRef
    prefix: URIRef
    publisher: URIRef
    publisherName: URIRef
    purpose: URIRef
    rank: URIRef
    reason: URIRef
    recognitionStatus: URIRef
    refersTo: URIRef
    reviewNote: URIRef
    reviewStatus: URIRef
    reviewedAt: URIRef
    reviewedBy: URIRef
    role: URIRef
    route: URIRef
    sha256: URIRef
    signatory: URIRef
    signature: URIRef
    sinceLast: URIRef
    speaker: URIRef
    speakingAs: URIRef
    stanceHolder: URIRef
    stanceOn: URIRef
    startDate: URIRef
    statedIn: URIRef
    status: URIRef
    strength: URIRef
    suffix: URIRef
    supports: URIRef
    supportsProperty: URIRef
    surfaceForm: URIRef
    target: URIRef
    text: URIRef
    textFile: URIRef
    unit: URIRef
    upperBound: URIRef
    userAssignedCode: URIRef
    validAtLeastUntil: URIRef
    validUntil: URIRef
    value: URIRef
    wikidata: URIRef


#: entities (people, states, missions, fact nodes): https://w3id.org/wbkg/id/<slug>
ID = Namespace(BASE + "id/")
#: source articles: https://w3id.org/wbkg/article/<file stem>
ARTICLE = Namespace(BASE + "article/")
#: named graphs: https://w3id.org/wbkg/graph/<article stem> | entities | corpus | ontology | schema-view | entailments
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
CORPUS_GRAPH = GRAPH["corpus"]
#: the schema.org view of every content graph (schemaview.py)
SCHEMA_VIEW_GRAPH = GRAPH["schema-view"]
#: what the reviewed graphs entail (super-classes and -properties, inverses, chains, partOf closure, date bounds)
ENTAILMENTS_GRAPH = GRAPH["entailments"]
#: the derived graphs: in the store's default graph and the merged exports, not in what SHACL and HermiT read
DERIVED_GRAPHS = (SCHEMA_VIEW_GRAPH, ENTAILMENTS_GRAPH)
#: the classes of text spans: those located from an authored quote, and with mentions (computed) all of them
QUOTED_SPAN_CLASSES = (WBKG.Evidence, WBKG.Exemption)
SPAN_CLASSES = (WBKG.Evidence, WBKG.Exemption, WBKG.Mention)
#: the same classes as a SPARQL VALUES block binding ?span, for queries that skip or pick text spans
SPAN_VALUES = "VALUES ?span { " + " ".join(f"<{c}>" for c in SPAN_CLASSES) + " }"
#: the OWL RL closure the queries see with --inferred
INFERRED_GRAPH = GRAPH["inferred"]
#: an article's draft (wbkg ingest, not yet reviewed): https://w3id.org/wbkg/graph/draft/<article stem>
DRAFT_GRAPH = Namespace(BASE + "graph/draft/")
#: the triples of the drafts that no reviewed graph holds: the store's default graph holds reviewed facts
#: only, and this graph added to it gives the merge of everything (--include-drafts, the build's checks)
DRAFTS_GRAPH = GRAPH["drafts"]

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OA = Namespace("http://www.w3.org/ns/oa#")
VANN = Namespace("http://purl.org/vocab/vann/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: prefixes bound on every graph the project writes
PREFIXES = {
    "wbkg": WBKG._NS,
    "id": ID,
    "article": ARTICLE,
    "graph": GRAPH,
    "sem": SEM,
    "nif": NIF,
    "oa": OA,
    "schema": SCHEMA,
    "wd": WD,
    "vann": VANN,
}


def bind_prefixes(graph):
    """Bind the project prefixes (and rdflib's defaults) on a Graph or Dataset; returns it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
