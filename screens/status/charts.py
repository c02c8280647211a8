"""Charts of the supervisors' screens, drawn with textual-plotext.

:class:`HourChart` — tickets taken and served per hour of today (the dashboard);
:class:`BarChart` — one series of labelled bars, or several side by side (the reports screen).
The data comes from use cases; these widgets only draw it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from console.core.i18n import t


class BarChart(PlotextPlot):
    """Labelled bars: ``show(labels, {series name: values})``; nothing drawn without data."""

    DEFAULT_CSS = """
    BarChart { height: 1fr; min-height: 6; }
    """

    def __init__(self, title: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart_title = title
        self.labels: list[str] = []
        self.series: dict[str, list[float]] = {}

    def show(self, labels: Sequence[str], series: dict[str, Sequence[float]], title: str | None = None) -> None:
        self.labels = list(labels)
        self.series = {name: [float(v) for v in values] for name, values in series.items()}
        if title is not None:
            self.chart_title = title
        self.set_class(not self.labels, "-empty")
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.chart_title)
        if self.labels:
            # no plotext legend: it measures Chinese characters as one column each and breaks
            # the frame; the title names the series instead
            if len(self.series) == 1:
                (values,) = self.series.values()
                plt.bar(self.labels, values, marker="hd")
            else:
                plt.multiple_bar(self.labels, list(self.series.values()), marker="hd")
        self.refresh()


class HourChart(BarChart):
    """Tickets taken and served per hour today (:class:`console.status.dashboard.HourCount` rows)."""

    DEFAULT_CSS = """
    HourChart { height: 8; }
    """

    def show(self, hours, title: str | None = None) -> None:  # type: ignore[override]
        labels = [f"{h.hour:02d}" for h in hours]
        super().show(labels, {t("ops.chart.taken"): [h.taken for h in hours],
                              t("ops.chart.served"): [h.served for h in hours]},
                     title=title or t("ops.chart.by_hour"))
