"""The export dialog's choices beyond format and looks: panels under the diagram (legend, requirements
card), the canvas's layers, and the PDF page (the diagram's own size, or A4/Letter in either
orientation, fitted). Kept apart from the dialog so each file stays about one thing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from app.export.service import ORIENTATIONS, PAPERS, PICTURE_FORMATS
from components.layers import LayerView

PAPER_NAMES = {"diagram": "Diagram size", "a4": "A4, fitted", "letter": "Letter, fitted"}
ORIENTATION_NAMES = {"auto": "By the diagram's shape", "portrait": "Portrait", "landscape": "Landscape"}


class ExportOptions:
    """The extra option widgets of one export dialog and what they choose."""

    def __init__(self, layers: LayerView | None) -> None:
        self.layers = layers if layers is not None and not layers.is_plain else None
        self.legend_box = QCheckBox("Legend of the connector flows")
        self.legend_box.setObjectName("exportLegend")
        self.requirements_box = QCheckBox("Requirements card")
        self.requirements_box.setObjectName("exportRequirements")
        self.layers_box = QCheckBox(f"As the canvas shows it ({(self.layers or LayerView()).summary()})")
        self.layers_box.setObjectName("exportLayers")
        self.layers_box.setToolTip("Leave out the blocks of hidden layers and draw dimmed ones faint "
                                   "(View > Layers); otherwise the whole design is exported")
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("exportPaper")
        for paper in PAPERS:
            self.paper_box.addItem(PAPER_NAMES[paper], paper)
        self.orientation_box = QComboBox()
        self.orientation_box.setObjectName("exportOrientation")
        for orientation in ORIENTATIONS:
            self.orientation_box.addItem(ORIENTATION_NAMES[orientation], orientation)
        self.paper_box.currentIndexChanged.connect(self._paper_changed)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("", self.legend_box)
        form.addRow("", self.requirements_box)
        form.addRow("", self.layers_box)
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.paper_box, 1)
        row.addWidget(self.orientation_box, 1)
        caption = QLabel("PDF page:")
        caption.setBuddy(self.paper_box)
        self.paper_box.setAccessibleName("PDF page size")
        self.orientation_box.setAccessibleName("PDF page orientation")
        form.addRow(caption, page)

    def widgets(self) -> list[QWidget]:
        return [self.legend_box, self.requirements_box, self.layers_box, self.paper_box, self.orientation_box]

    def restore(self, remembered: dict[str, Any]) -> None:
        self.legend_box.setChecked(bool(remembered.get("legend", False)))
        self.requirements_box.setChecked(bool(remembered.get("requirements", False)))
        self.layers_box.setChecked(self.layers is not None and bool(remembered.get("layers", True)))
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(remembered.get("paper", "diagram"))))
        self.orientation_box.setCurrentIndex(max(0, self.orientation_box.findData(remembered.get("orientation",
                                                                                              "auto"))))

    def remember(self, remembered: dict[str, Any]) -> None:
        remembered.update(legend=self.legend_box.isChecked(), requirements=self.requirements_box.isChecked(),
                          paper=self.paper_box.currentData(), orientation=self.orientation_box.currentData())
        if self.layers is not None:
            remembered["layers"] = self.layers_box.isChecked()

    def settings(self) -> dict[str, Any]:
        """The ExportSettings fields these widgets choose."""
        return {"legend": self.legend_box.isChecked(), "requirements": self.requirements_box.isChecked(),
                "paper": self.paper_box.currentData(), "orientation": self.orientation_box.currentData(),
                "layers": self.layers if self.layers_box.isChecked() else None}

    def size_key(self) -> tuple[bool, bool, bool]:
        """What of these changes the picture's size (for the dialog's cache of PNG sizes)."""
        return self.legend_box.isChecked(), self.requirements_box.isChecked(), self.layers_box.isChecked()

    def format_changed(self, fmt: str) -> None:
        """Enable what applies to the format (and the page only for PDF)."""
        picture = fmt in PICTURE_FORMATS
        self.legend_box.setEnabled(picture)
        self.requirements_box.setEnabled(picture)
        self.layers_box.setEnabled(self.layers is not None)
        self.paper_box.setEnabled(fmt == "pdf")
        self._paper_changed()

    def _paper_changed(self) -> None:
        self.orientation_box.setEnabled(self.paper_box.isEnabled() and self.paper_box.currentData() != "diagram")
