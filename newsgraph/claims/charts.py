"""Claims drawn as SVG, on the server, readable without JavaScript: a claim's figures
over time with one series per source, and a world map of destinations shaded by the
number of reports. Drawn by pygal (and its world map), which writes plain SVG with
titles on every point; its scripts (tooltips) are left out."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pygal
from pygal.maps.world import World
from pygal.style import Style

from .grouping import Claim

# Readable in print and by people who do not tell red from green: a colour-blind-safe
# palette (Okabe and Ito) in the order its pairs stay apart.
_STYLE = Style(
    background="white", plot_background="white", foreground="#222",
    foreground_strong="#111", foreground_subtle="#666", font_family="sans-serif",
    colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
            "#F0E442"),
    label_font_size=12, major_label_font_size=12, legend_font_size=12, title_font_size=14)
_MAP_STYLE = Style(background="white", plot_background="white", foreground="#222",
                   colors=("#B2182B",), font_family="sans-serif")


def figures_chart(claim: Claim) -> str | None:
    """The claim's dated figures over time, a series per source (None if it has none)."""
    series: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for r in claim.figures:
        if r.published is not None:
            series[r.source].append((r.published, r.count))
    if not series:
        return None
    # A legend row per three sources below the plot.
    chart = pygal.DateLine(
        js=[], disable_xml_declaration=True, style=_STYLE, width=820,
        height=360 + 22 * -(-len(series) // 3), x_label_rotation=25, dots_size=4,
        stroke_style={"width": 2}, legend_at_bottom=True, legend_at_bottom_columns=3,
        truncate_legend=40, min_scale=3, max_scale=8,
        x_value_formatter=lambda d: d.isoformat(), value_formatter=lambda n: f"{n:,.0f}",
        title=f"{claim.slug}: figures by source", y_title="personnel", include_x_axis=True)
    for source, points in series.items():
        chart.add(source, sorted(points), allow_interruptions=False)
    return chart.render(is_unicode=True)


def world_map(reports_by_country: dict[str, int]) -> str:
    """A world map with each country (ISO alpha-2, any case) shaded by its number of
    reports; the counts are the countries' titles."""
    shaded = {code.lower(): n for code, n in reports_by_country.items() if n > 0}
    chart = World(js=[], disable_xml_declaration=True, style=_MAP_STYLE, width=900,
                  height=460, show_legend=False, value_formatter=lambda n: f"{n:,} reports")
    chart.add("reports", shaded)
    return chart.render(is_unicode=True)
