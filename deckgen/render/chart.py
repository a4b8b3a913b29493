"""Native, editable PowerPoint charts drawn from a table's numeric columns."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Pt

from deckgen.plan.choose import MAX_SERIES, numeric_columns
from deckgen.plan.deckplan import PlannedSlide
from deckgen.plan.layout import Box
from deckgen.plan.phrases import as_number

from .archive import FIXED_TIME
from .canvas import E, rgb

CHART_TEXT = 18.0


@lru_cache(maxsize=1)
def _chart_data_class():
    """Chart data whose embedded workbook has a fixed creation date: rebuilt decks stay byte-identical.

    Made on first use: the workbook writer (xlsxwriter) loads only for a deck with a chart."""
    from contextlib import contextmanager

    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class _FixedWorkbookWriter(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, {"in_memory": True})
            workbook.set_properties({"created": FIXED_TIME.replace(tzinfo=None)})
            worksheet = workbook.add_worksheet()
            yield workbook, worksheet
            workbook.close()

    class _ChartData(CategoryChartData):
        @property
        def _workbook_writer(self):
            return _FixedWorkbookWriter(self)

    return _ChartData


class ChartSlides:
    """A chart from the numeric columns of a table, beside the table when both fit."""

    def _chart(self, slide, s: PlannedSlide) -> None:
        pal = self.theme.palette
        box = self._titled(slide, s)
        table = s.table
        assert table is not None
        chart_box = box
        if s.caption == "table":  # the planner found room for the table beside its chart
            left = Box(box.x, box.y, box.w * 0.42, box.h)
            self._table(slide, replace(s, body_size=s.body_size or 18.0), area=left)
            chart_box = Box(box.x + box.w * 0.46, box.y, box.w * 0.54, box.h)
        data = _chart_data_class()()
        data.categories = [r[0] for r in table.rows]
        numeric = numeric_columns(table)[:MAX_SERIES]
        for c in numeric:
            data.add_series(table.header[c], [as_number(r[c]) for r in table.rows])
        long_labels = max(len(r[0]) for r in table.rows) > 14
        kind = XL_CHART_TYPE.BAR_CLUSTERED if long_labels else XL_CHART_TYPE.COLUMN_CLUSTERED
        frame = slide.shapes.add_chart(kind, E(chart_box.x), E(chart_box.y), E(chart_box.w), E(chart_box.h), data)
        frame.name = "Chart"
        chart = frame.chart
        chart.font.size = Pt(CHART_TEXT)
        chart.font.color.rgb = rgb(pal.text)
        chart.font.name = self.theme.body_font.family
        chart.has_legend = len(numeric) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(CHART_TEXT)
        plot.data_labels.font.color.rgb = rgb(pal.text)
        colours = [pal.accent, *pal.decor]
        for i, series in enumerate(plot.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(colours[i % len(colours)])
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.visible = False
        chart.category_axis.tick_labels.font.size = Pt(CHART_TEXT)
        chart.category_axis.format.line.color.rgb = rgb(pal.muted)
