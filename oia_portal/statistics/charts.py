"""Server-drawn SVG charts: no script, no external image, readable by a screen reader.

Each chart is an <svg role="img"> with a <title> and <desc>; the page puts
the same figures in a table next to it.
"""

# Drawn here rather than by a chart library: no JavaScript to allow under the strict CSP.
from django.utils.html import format_html, format_html_join

WIDTH = 720
LABEL_WIDTH = 210
VALUE_WIDTH = 50
ROW_HEIGHT = 24
BAR_HEIGHT = 16
PADDING = 6


def bar_chart(chart_id, title, description, rows):
    """A horizontal bar chart of `rows` [(label, value), ...] as safe SVG markup."""
    maximum = max((value for _label, value in rows), default=0) or 1
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = PADDING * 2 + ROW_HEIGHT * max(len(rows), 1)
    bars = []
    for index, (label, value) in enumerate(rows):
        top = PADDING + index * ROW_HEIGHT
        bar_width = round(bar_space * value / maximum, 1)
        text_y = top + BAR_HEIGHT - 3
        bars.append(
            (
                LABEL_WIDTH - 8, text_y, label,
                LABEL_WIDTH, top, bar_width, BAR_HEIGHT,
                LABEL_WIDTH + bar_width + 6, text_y, value,
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"/>'
        '<text class="value" x="{}" y="{}">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g aria-hidden="true">{}</g></svg>',
        WIDTH, height, chart_id, chart_id, chart_id, title, chart_id, description, body,
    )
