"""A small SVG line plot for the benchmark README (no plotting library needed)."""

from __future__ import annotations

from collections.abc import Sequence

WIDTH, HEIGHT, PAD = 560, 320, 56


def line_plot(rows: Sequence[tuple[int, float, float]], title: str = "Seconds against options (20 criteria)") -> str:
    """Two lines, parse floor and appraise, from rows of (options, floor seconds, appraise seconds)."""
    xmax = max(r[0] for r in rows)
    ymax = max(max(r[1], r[2]) for r in rows) * 1.1

    def xy(n: float, s: float) -> str:
        return f"{PAD + n / xmax * (WIDTH - 2 * PAD):.1f},{HEIGHT - PAD - s / ymax * (HEIGHT - 2 * PAD):.1f}"

    def polyline(index: int, colour: str) -> str:
        points = " ".join(xy(r[0], r[index]) for r in rows)
        dots = "".join(f'<circle cx="{xy(r[0], r[index]).split(",")[0]}" cy="{xy(r[0], r[index]).split(",")[1]}" '
                       f'r="3" fill="{colour}"/>' for r in rows)
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>{dots}'

    ticks = "".join(
        f'<text x="{xy(r[0], 0).split(",")[0]}" y="{HEIGHT - PAD + 18}" '
        f'text-anchor="middle">{r[0]:,}</text>' for r in rows
    )
    yticks = "".join(
        f'<text x="{PAD - 8}" y="{xy(0, ymax * k / 4).split(",")[1]}" '
        f'text-anchor="end">{ymax * k / 4:.1f}</text>' for k in range(5)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="sans-serif" '
        f'font-size="12">'
        f"<title>{title}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="black"/>'
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="black"/>'
        f"{ticks}{yticks}"
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 12}" text-anchor="middle">options</text>'
        f'<text x="14" y="{HEIGHT / 2}" transform="rotate(-90 14 {HEIGHT / 2})" text-anchor="middle">seconds</text>'
        f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="14">{title}</text>'
        f"{polyline(1, '#505a5f')}{polyline(2, '#1d70b8')}"
        f'<text x="{PAD + 10}" y="{PAD + 4}" fill="#1d70b8">appraise score --format json</text>'
        f'<text x="{PAD + 10}" y="{PAD + 20}" fill="#505a5f">parse floor (CSafeLoader + json.dumps)</text>'
        "</svg>\n"
    )
