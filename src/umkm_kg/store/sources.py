"""Turn what the user names (a template folder, a workbook, an RDF file) into N-Triples to load."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

import pyoxigraph as ox

from umkm_kg.errors import UmkmKgError
from umkm_kg.rdf_formats import RdfFormat, rdf_format


@dataclass(frozen=True)
class PreparedSource:
    """A source ready for the store: an RDF file, its format, name, checksum and row counts."""

    path: Path
    rdf_path: Path
    rdf_format: ox.RdfFormat
    name: str
    sha256: str
    mapping: str
    rows_loaded: int | None = None
    rows_rejected: int | None = None
    notes: tuple[str, ...] = ()
    triples: int | None = None  # known for the loaders' output; None for an RDF file
    # per table: its rows, those with a kecamatan, with a KBLI concept (LoadResult.coverage)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def is_loader_output(self) -> bool:
        """Whether the RDF was written by our loaders (every IRI and literal already valid)."""
        return self.mapping != "rdf"


def source_name(path: Path) -> str:
    """The name a source's graph takes: the folder name or the file name without extension."""
    return path.name if path.is_dir() else path.stem


@contextmanager
def prepared(
    path: Path, mapping: str = "template", name: str | None = None
) -> Iterator[PreparedSource]:
    """Read ``path`` (RDF as it is; anything else through ``umkm_kg.loading``) into N-Triples.

    Bad input raises :class:`~umkm_kg.errors.DataErrors` before the store is touched.
    """
    path = Path(path)
    if not path.exists():
        raise UmkmKgError(f"{path}: no such file or folder")
    name = name or source_name(path)
    syntax = rdf_format(path)
    if path.is_file() and syntax is not None and syntax.quads:
        with TemporaryDirectory() as scratch:
            triples = _merged_graphs(path, syntax, Path(scratch) / "merged.nt")
            yield PreparedSource(path, triples, ox.RdfFormat.N_TRIPLES, name, _sha256(path), "rdf")
        return
    if path.is_file() and syntax is not None:
        yield PreparedSource(path, path, syntax.oxigraph, name, _sha256(path), "rdf")
        return
    from umkm_kg.loading import load_source  # the loaders sit beside the store, not under it

    result = load_source(path, mapping=mapping)
    try:
        yield PreparedSource(
            path=path,
            rdf_path=Path(result.ntriples_path),
            rdf_format=ox.RdfFormat.N_TRIPLES,
            name=name,
            sha256=result.source.sha256,
            mapping=mapping,
            rows_loaded=result.rows_loaded,
            rows_rejected=len(result.rejected),
            triples=result.triples,
            notes=tuple(str(r) for r in result.rejected)
            + tuple(f"corrected: {c}" for c in result.corrections)
            + tuple(f"cell left out: {d}" for d in result.dropped)
            + tuple(f"kept as written: {u}" for u in result.unresolved)
            + tuple(result.warnings),
            coverage=result.coverage,
        )
    finally:
        result.close()


def _merged_graphs(path: Path, syntax: RdfFormat, out: Path) -> Path:
    """A TriG or N-Quads file as N-Triples: its default and named graphs all go to the
    source's one graph (a source is one graph in a store). Read strictly."""
    try:
        ox.serialize(
            (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(path=str(path), format=syntax.oxigraph)
            ),
            output=str(out),
            format=ox.RdfFormat.N_TRIPLES,
        )
    except (SyntaxError, ValueError) as error:
        raise UmkmKgError(
            f"{path}: not valid RDF ({syntax.name}); the store is unchanged ({error})"
        ) from None
    return out


def _sha256(path: Path) -> str:
    """The SHA-256 of an RDF file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
