"""``umkm-kg demo``: the main job on the bundled examples, as a list of steps.

Each step takes the shared :class:`DemoRun` and prints its part. To add a step (validation,
queries), write a function ``def my_step(run: DemoRun) -> None`` and append it to ``STEPS``.
The examples are found through ``resource_dir("examples")``, so the demo works from a wheel.
What the demo makes stays in a folder (default ``./umkm-kg-demo``): the RDF of each example,
an embedded store holding them and the HTML validation report; it ends with next steps that
work on that folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rdflib import Graph
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from umkm_kg.cli_app import app
from umkm_kg.errors import UmkmKgError

MARKER = ".umkm-kg-demo"  # a folder the demo made itself, and may therefore replace
WORDS = {
    "id": {
        "folder": "Folder demo",
        "rows": "baris",
        "unknown": "tidak diketahui",
        "size_columns": ("aturan", "golongan", "usaha"),
        "summary_columns": (
            "sentra", "anggota", "internal", "eksternal", "mitra", "infrastruktur",
        ),
        "report": "laporan",
        "loading": "memuat",
        "next": "Langkah berikutnya",
        "catalogue": "katalog pertanyaan; masing-masing dengan",
        "serve": "katalog, profil, putusan di 127.0.0.1",
        "open_report": "laporan putusan: buka di peramban",
    },
    "en": {
        "folder": "Demo folder",
        "rows": "rows",
        "unknown": "unknown",
        "size_columns": ("rule set", "class", "enterprises"),
        "summary_columns": (
            "sentra", "members", "internal", "external", "partners", "infrastructure",
        ),
        "report": "report",
        "loading": "loading",
        "next": "Next steps",
        "catalogue": "the catalogue; any of them with",
        "serve": "catalogue, profiles, verdicts on 127.0.0.1",
        "open_report": "the verdicts report: open it in a browser",
    },
}  # fmt: skip


@dataclass
class DemoRun:
    """What the steps share: the example folders, their graph, a console, a work folder."""

    examples: list[Path]
    work: Path
    console: Console
    lang: str = "id"
    graph: Graph = field(default_factory=Graph)
    results: dict[str, object] = field(default_factory=dict)


def convert_step(run: DemoRun) -> None:
    """Convert each example folder to Turtle and merge them into one graph."""
    from umkm_kg.loading.convert import convert

    for folder in run.examples:
        target = run.work / "rdf" / f"{folder.name}.ttl"
        target.parent.mkdir(exist_ok=True)
        result = convert(folder, target)
        run.graph.parse(target, format="turtle")
        rows = WORDS[run.lang]["rows"]
        run.console.print(
            f"  {folder.name}: {result.rows_loaded} {rows} -> {result.triples} triple ({target})"
        )


def classify_step(run: DemoRun) -> None:
    """Size classes of the member enterprises under the rule set in force at each as_of; the
    rule sets named and each enterprise whose criteria disagree, with the classes they give."""
    from umkm_kg.classify import classify_graph
    from umkm_kg.classify.labels import size_word
    from umkm_kg.classify.report import notes

    sizes = classify_graph(run.graph)
    run.results["sizes"] = sizes
    words = WORDS[run.lang]
    counts: dict[tuple[str, str], int] = {}
    for size in sizes:
        key = (size.rule_set or "-", size_word(size.size_class, run.lang) or words["unknown"])
        counts[key] = counts.get(key, 0) + 1
    table = Table(*words["size_columns"])
    for (rule_set, size_class), count in sorted(counts.items()):
        table.add_row(rule_set, size_class, str(count))
    run.console.print(table)
    records = [s.record(s.identifier or str(s.enterprise)) for s in sizes]
    for line in notes(records, run.lang, bps=False):  # what the codes above mean
        run.console.print(Padding(Text(line), (0, 0, 0, 2), expand=False))


def summary_step(run: DemoRun) -> None:
    """Per sentra: members, internal and external cooperation, partners, infrastructure."""
    from umkm_kg.namespaces import PREFIXES
    from umkm_kg.ontology import ontology_graph

    query = """
        SELECT ?id
               (COUNT(DISTINCT ?member) AS ?members)
               (COUNT(DISTINCT ?internal) AS ?internals)
               (COUNT(DISTINCT ?external) AS ?externals)
               (COUNT(DISTINCT ?partner) AS ?partners)
               (COUNT(DISTINCT ?infra) AS ?infrastructure)
        WHERE {
          ?sentra a umkm:Sentra ; dcterms:identifier ?id .
          OPTIONAL { ?sentra org:hasMember ?member }
          OPTIONAL { ?internal umkm:inSentra ?sentra ;
                               umkm:cooperationKind/skos:broader* kind:internal }
          OPTIONAL { ?external umkm:inSentra ?sentra ;
                               umkm:cooperationKind/skos:broader* kind:external }
          OPTIONAL { ?cooperation umkm:inSentra ?sentra ; umkm:partner ?partner }
          OPTIONAL { ?infra umkm:infrastructureOf ?sentra }
        }
        GROUP BY ?id ORDER BY ?id
    """
    graph = ontology_graph()
    graph += run.graph
    table = Table(*WORDS[run.lang]["summary_columns"])
    for row in graph.query(query, initNs=PREFIXES):
        table.add_row(*(str(value) for value in row))
    run.console.print(table)


def validate_step(run: DemoRun) -> None:
    """Cluster prerequisites per sentra (``umkm-kg validate``): the verdict table."""
    from umkm_kg.validation import validate
    from umkm_kg.validation.html import to_html
    from umkm_kg.validation.render import VerdictView, summary

    result = validate(run.graph)
    result.sources = tuple(str(folder) for folder in run.examples)  # for the report's header
    run.results["validation"] = result
    run.console.print(VerdictView(result, run.lang))
    run.console.print(f"  {summary(result.sentra, run.lang)}")
    report = run.work / "report.html"
    report.write_text(to_html(result, run.lang), encoding="utf-8")
    run.console.print(f"  {WORDS[run.lang]['report']}: {report}")


def query_step(run: DemoRun) -> None:
    """Load the examples into an embedded store and ask two catalogue questions."""
    from umkm_kg.catalogue import get_query
    from umkm_kg.commands.query import render
    from umkm_kg.store import Rows, open_store

    questions = {
        "support-overlap": ["sentraName", "support", "institutions", "partnerName"],
        "cross-province-market": ["sentraName", "marketName", "marketProvince"],
    }
    with open_store(run.work / "store") as store:
        for folder in run.examples:
            run.console.print(
                f"  {WORDS[run.lang]['loading']} {folder.name} -> {run.work / 'store'}"
            )
            store.load(folder)
        for name, columns in questions.items():
            query = get_query(name)
            run.console.print(f"  {query.title[run.lang]}: umkm-kg query {name}")
            rows = store.query(name)
            run.console.print(
                render(Rows(columns, [{c: r[c] for c in columns} for r in rows]), "table")
            )


Step = Callable[[DemoRun], None]
STEPS: list[tuple[dict[str, str], Step]] = [
    ({"id": "Konversi contoh ke RDF", "en": "Converting the examples to RDF"}, convert_step),
    ({"id": "Penggolongan ukuran usaha", "en": "Enterprise size classes"}, classify_step),
    ({"id": "Ringkasan sentra", "en": "Sentra summary"}, summary_step),
    ({"id": "Prasyarat klaster", "en": "Cluster prerequisites"}, validate_step),
    ({"id": "Pertanyaan dari katalog", "en": "Catalogue questions"}, query_step),
]


def example_folders() -> list[Path]:
    """The bundled example folders (template folders under ``examples/``)."""
    from umkm_kg.resources import resource_dir

    return sorted(p for p in resource_dir("examples").iterdir() if (p / "sentra.csv").is_file())


def prepare_folder(folder: Path) -> Path:
    """An empty demo folder: a new one, or one the demo made before (its content replaced)."""
    if folder.exists() and not folder.is_dir():
        raise UmkmKgError(f"{folder} is a file; name a folder for the demo with --out")
    if folder.is_dir() and any(folder.iterdir()):
        if not (folder / MARKER).is_file():
            raise UmkmKgError(
                f"{folder} exists and was not made by the demo; name another folder with --out"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("made by umkm-kg demo; safe to delete\n", encoding="utf-8")
    return folder


def next_steps(folder: Path, lang: str = "id") -> list[str]:
    """Commands that work on what the demo made."""
    store, words = folder / "store", WORDS[lang]
    return [
        f"umkm-kg query support-overlap --store {store}",
        f"umkm-kg queries    # {words['catalogue']} --store {store}",
        f"umkm-kg serve --store {store}    # {words['serve']}",
        f"{folder / 'report.html'}    # {words['open_report']}",
    ]


@app.command()
def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for what the demo makes (kept afterwards).")
    ] = Path("umkm-kg-demo"),
    lang: Annotated[str, typer.Option("--lang", help="id (Indonesian) or en.")] = "id",
) -> None:
    """Jalankan contoh bawaan / run the main job on the bundled examples.

    Converts the examples to RDF, classifies firms by size, validates the cluster
    prerequisites (HTML report) and loads an embedded store, all into --out.

    Contoh / example: umkm-kg demo --out ./umkm-kg-demo
    """
    if lang not in WORDS:
        raise UmkmKgError(f"--lang {lang!r}: use id or en")
    console = Console(highlight=False)
    run = DemoRun(example_folders(), prepare_folder(out), console, lang)
    console.print(f"{WORDS[lang]['folder']}: {out.resolve()}")
    for number, (title, step) in enumerate(STEPS, start=1):
        console.rule(f"[bold]{number}. {title[lang]}")
        step(run)
    console.rule(f"[bold]{WORDS[lang]['next']}")
    for line in next_steps(out, lang):
        console.print(f"  {line}", soft_wrap=True)
