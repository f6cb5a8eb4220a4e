"""RDF namespaces of umkm-kg and of the vocabularies it reuses (see docs/model.md)."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/umkm-kg/"

UMKM = Namespace(BASE + "ontology#")  # classes, properties, rule sets
KIND = Namespace(BASE + "kind/")  # cooperation kinds (SKOS concepts), local name = template key
INFRA = Namespace(BASE + "infrastructure/")  # infrastructure kinds (SKOS concepts)
ROLE = Namespace(BASE + "role/")  # cluster composition roles (org:Role + SKOS concepts)
SIZE = Namespace(BASE + "size/")  # size classes (SKOS concepts): micro, small, medium, large
ID = Namespace(BASE + "id/")  # data: regions, KBLI, sentra, enterprises, ...
SH_UMKM = Namespace(BASE + "shapes#")  # SHACL shapes

ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SCHEMA = Namespace("https://schema.org/")
LEGAL = Namespace("http://www.w3.org/ns/legal#")
LOCN = Namespace("http://www.w3.org/ns/locn#")

PREFIXES: dict[str, Namespace] = {
    "umkm": UMKM,
    "kind": KIND,
    "infra": INFRA,
    "role": ROLE,
    "size": SIZE,
    "id": ID,
    "org": ORG,
    "rov": ROV,
    "adms": ADMS,
    "schema": SCHEMA,
    "legal": LEGAL,
    "locn": LOCN,
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}


def bind_prefixes(graph) -> None:  # any rdflib Graph or Dataset
    """Bind the project's prefixes on an rdflib graph, for readable Turtle."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
