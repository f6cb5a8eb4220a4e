"""``discover --format html``: one offline page (no request leaves the file).

The candidates as a table sorted by clicking a column head (a few lines of inline script), and
for one activity an SVG bar chart of its location quotient per kab/kota, with the source, the
year and the formula under it. Indonesian by default, English with ``lang="en"``. Every text
from the data is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from umkm_kg.discovery.groups import Discovery
from umkm_kg.discovery.report import region_name
from umkm_kg.errors import UmkmKgError
from umkm_kg.reference import kbli

TEXT = {
    "id": {
        "title": "Kandidat Sentra IKM",
        "intro": "Kelompok usaha sejenis di satu wilayah ({level}) yang dapat memuat paling "
        "sedikit {n} unit IKM (PP 29/2018 Pasal 1 angka 8). Klik judul kolom untuk mengurutkan.",
        "head": ("Kandidat", "Wilayah", "KBLI", "Kegiatan", "Status", "IKM min", "IKM maks",
                 "Usaha", "LQ"),
        "chart": "Location quotient {code} {label} per kabupaten/kota",
        "under": "Sumber: {sources}; data tahun {year}. LQ = (e_ri / e_r) / (E_i / E): bagian "
        "kegiatan i di kabupaten/kota r dibanding bagiannya di provinsi, dari usaha dengan "
        "kegiatan diketahui di daftar ini. Garis: LQ = 1.",
        "none": "Tidak ada kandidat.",
        "unresolved": "Kegiatan tak terpecahkan: {n} usaha; tanpa wilayah pada tingkat ini: {m}.",
    },
    "en": {
        "title": "Candidate Sentra IKM",
        "intro": "Groups of same-activity firms in one region ({level}) that can hold at "
        "least {n} IKM units (PP 29/2018 Pasal 1 angka 8). Click a column head to sort.",
        "head": ("Candidate", "Region", "KBLI", "Activity", "Status", "IKM min", "IKM max",
                 "Firms", "LQ"),
        "chart": "Location quotient of {code} {label} per regency/city",
        "under": "Source: {sources}; data year {year}. LQ = (e_ri / e_r) / (E_i / E): the "
        "share of activity i in regency/city r over its share in the province, from the firms "
        "with a known activity in this listing. Line: LQ = 1.",
        "none": "No candidates.",
        "unresolved": "Unresolved activity: {n} firms; without a region at this level: {m}.",
    },
}  # fmt: skip
_SORT_SCRIPT = """
document.querySelectorAll('th').forEach(function (th, column) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.from(body.rows);
    var up = th.dataset.up !== '1';
    th.dataset.up = up ? '1' : '0';
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.v || a.cells[column].textContent;
      var y = b.cells[column].dataset.v || b.cells[column].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? r : -r;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""


def html_page(
    found: Discovery,
    sources: list[Path],
    lang: str = "id",
    activity: str | None = None,
    every: bool = False,
) -> str:
    """The whole page as one string."""
    text = TEXT[lang]
    groups = found.candidates(every)
    rows = "\n".join(
        "<tr>"
        + "".join(
            f'<td data-v="{escape(str(v))}">{escape(str(shown))}</td>'
            for v, shown in (
                (g.id, g.id),
                (g.region, f"{g.region} {region_name(g.region)}"),
                (g.kbli, g.kbli),
                (g.label, g.label),
                (g.status, g.status),
                (g.ikm_min, g.ikm_min),
                (g.ikm_max, g.ikm_max),
                (len(g.members), len(g.members)),
                ("" if g.lq is None else g.lq, "" if g.lq is None else f"{g.lq:.2f}"),
            )
        )  # fmt: skip
        + "</tr>"
        for g in groups
    )
    head = "".join(f"<th>{escape(h)}</th>" for h in text["head"])
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    unresolved = text["unresolved"].format(
        n=sum(sum(c.values()) for c in found.unresolved_activity.values()),
        m=sum(found.no_region.values()),
    )
    chart = _chart(found, groups, sources, text, activity)
    intro = text["intro"].format(level=found.level, n=found.min_units)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{escape(text["title"])}</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .5em}}th{{cursor:pointer;background:#eee}}
figcaption{{font-size:.9em;color:#333;max-width:60em}}</style></head>
<body><h1>{escape(text["title"])}</h1><p>{escape(intro)}</p>
{table if groups else f"<p>{escape(text['none'])}</p>"}
<p>{escape(unresolved)}</p>
{chart}
<script>{_SORT_SCRIPT}</script></body></html>
"""  # noqa: E501


def _chart(found: Discovery, groups, sources, text, activity: str | None) -> str:
    if activity is None:
        if not groups:
            return ""
        version, code = groups[0].kbli_version, groups[0].kbli
    else:
        version, code = "2020", activity
        if kbli(version, code) is None:
            raise UmkmKgError(f"--activity '{activity}' is not a KBLI 2020 code")
    bars = found.location_quotients(version, code)
    if not bars:
        return ""
    entry = kbli(version, code)
    label = entry.title if entry else code
    width, bar, gap, left = 720, 18, 4, 220
    top = max(max(lq for _, lq, _ in bars), 1.0)
    scale = (width - left - 60) / top
    height = len(bars) * (bar + gap) + 30
    items = []
    for n, (kab, lq, counts) in enumerate(bars):
        y = n * (bar + gap) + 10
        name = escape(f"{kab} {region_name(kab)}")
        tip = escape(
            f"e_ri={counts['e_ri']} e_r={counts['e_r']} E_i={counts['E_i']} E={counts['E']}"
        )
        items.append(
            f'<text x="{left - 6}" y="{y + bar - 5}" text-anchor="end" font-size="12">{name}</text>'
            f'<rect x="{left}" y="{y}" width="{lq * scale:.1f}" height="{bar}" fill="#4a7ab5">'
            f"<title>{tip}</title></rect>"
            f'<text x="{left + lq * scale + 4:.1f}" y="{y + bar - 5}" '
            f'font-size="12">{lq:.2f}</text>'
        )
    one = left + scale
    line = f'<line x1="{one:.1f}" y1="0" x2="{one:.1f}" y2="{height}" stroke="#c00"/>'
    year = found.as_of.year if found.as_of else "?"
    caption = text["under"].format(
        sources=", ".join(Path(s).name for s in sources) or "store", year=year
    )
    title = text["chart"].format(code=code, label=label)
    return (
        f"<figure><h2>{escape(title)}</h2>"
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">'
        f"{''.join(items)}{line}</svg><figcaption>{escape(caption)}</figcaption></figure>"
    )
