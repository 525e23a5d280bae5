"""The inspector page for nothing selected: the design's title, its requirements card (steps 1 and 2
of the framework), its live estimates and the validator's rule settings for this design."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.editor import Editor
from app.panels.editors import BoolEditor, ChoiceEditor, LongTextEditor, NumberEditor, TextEditor, editor_for
from app.panels.element_forms import header
from app.panels.estimates_card import add_estimates
from app.panels.fields import FieldSpec, model_specs
from app.panels.form import Form
from components.commands import SetConnectorDefault, SetMeta, SetRequirements, SetRuleSettings, SetTitle
from components.io.errors import validation_message
from components.model import CONNECTOR_STYLE_LABELS, CONNECTOR_STYLES, RULE_IDS, SEVERITIES, Requirements, RuleSettings

_LONG_TEXT = {"notes"}
Settings = TypeVar("Settings", bound=BaseModel)


def _rule_info() -> dict[str, tuple[str, str]]:
    """Rule id -> (default severity, what it checks), from the validator's rule table."""
    from components.validate import RULES_BY_ID  # networkx: not at start-up
    return {rule_id: (entry.severity, f"{entry.title}\n\n{entry.description}")
            for rule_id, entry in RULES_BY_ID.items()}


def _replaced(model: Settings, name: str, value: Any) -> Settings:
    """A copy of a settings model with one field changed, validated like a load (ValidationError)."""
    data = {field: getattr(model, field) for field in type(model).model_fields}
    data[name] = value
    return type(model).model_validate(data, strict=True)


class DocumentForm(Form):
    """Title, description, requirements card and rule settings of the whole design."""

    def __init__(self, editor: Editor, theme_name: str = "light", rules_open: bool = False,
                 estimates_open: bool = False) -> None:
        super().__init__()
        self.editor = editor
        self.item_id = ""
        self.add_widget(header("Design", "Nothing selected: the requirements card and rule settings "
                                         "of the whole design", "custom", theme_name))
        self.add_section("Design")
        self.bind("title", TextEditor(FieldSpec("title", "Title", "The design's name", "text")),
                  lambda: editor.doc.diagram.title, lambda value: editor.push(SetTitle(value)))
        self.bind("description", LongTextEditor(FieldSpec("description", "Description", "What this design is about",
                                                          "text"), placeholder="What this design is about"),
                  lambda: editor.doc.diagram.description,
                  lambda value: editor.push(SetMeta("description", value, "Edit description")), full_width=True)
        connectors = ChoiceEditor(FieldSpec("connector_style", "Connectors", "How connectors without a style of "
                                            "their own are drawn", "choice", choices=CONNECTOR_STYLES),
                                  dict(CONNECTOR_STYLE_LABELS))
        self.bind("connector_style", connectors, lambda: editor.doc.diagram.connector_style or "straight",
                  lambda value: editor.push(SetConnectorDefault(value)))
        self.add_section("Requirements card")
        for field in model_specs(Requirements):
            widget = (LongTextEditor(field, placeholder=field.title) if field.name in _LONG_TEXT
                      else editor_for(field))
            self.bind(f"requirements.{field.name}", widget,
                      lambda name=field.name: getattr(editor.doc.diagram.requirements, name),
                      lambda value, f=field: self._push_requirement(f, value),
                      full_width=field.name in _LONG_TEXT)
        self.estimates_toggle, self.estimates_card = add_estimates(self, editor, estimates_open)
        self._add_rules(rules_open)
        self.finish()

    def settle(self) -> None:
        self.estimates_card.settle()

    def _push_requirement(self, field: FieldSpec, value: Any) -> bool:
        """Build the new requirements card and push one command; refuse (and say why) invalid values."""
        current = self.editor.doc.diagram.requirements
        try:
            candidate = _replaced(current, field.name, value)
        except ValidationError as exc:
            message = validation_message(exc, {field.name: value})
            self.editor.editFailed.emit(f"{field.title}: {message.split(': ', 1)[-1]}")
            return False
        return self.editor.push(SetRequirements(candidate))

    # ----- rule settings -----------------------------------------------------------------------
    def _add_rules(self, open_: bool) -> None:
        self.rules_toggle = self.add_folding("rules", "Rule settings", open_, self._fill_rules)

    def _fill_rules(self, body: QWidget) -> None:
        """One row per rule (enabled, severity override) and the corpus threshold."""
        rows = QFormLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        hint = QLabel("Untick a rule to switch it off for this design; override its severity on the right.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        rows.addRow(hint)
        info = _rule_info()
        for rule_id in RULE_IDS:
            default_severity, tip = info.get(rule_id, ("", ""))
            enabled = BoolEditor(FieldSpec(rule_id, rule_id, tip, "bool"))
            enabled.check.setToolTip(tip or f"Rule {rule_id}")
            self.attach(f"rules.enabled.{rule_id}", enabled,
                        lambda rule=rule_id: rule not in self.editor.doc.diagram.rules.disabled,
                        lambda on, rule=rule_id: self._set_enabled(rule, on))
            severity = ChoiceEditor(FieldSpec(f"severity.{rule_id}", "Severity", "Severity override", "choice",
                                              choices=("", *SEVERITIES)), labels={"": "default"})
            severity.combo.setMinimumContentsLength(7)
            normally = f" (normally {default_severity})" if default_severity else ""
            severity.combo.setToolTip(f"Severity of {rule_id} findings in this design{normally}")
            self.attach(f"rules.severity.{rule_id}", severity,
                        lambda rule=rule_id: self.editor.doc.diagram.rules.severity.get(rule, ""),
                        lambda value, rule=rule_id: self._set_severity(rule, value))
            rows.addRow(enabled.widget, severity.widget)
        threshold = NumberEditor(FieldSpec("corpus_threshold", "Corpus threshold",
                                           "retrieval-before-ranking fires from this corpus size (default 100000)",
                                           "number", optional=True, integer=True, minimum=0))
        self.attach("rules.params.corpus_threshold", threshold,
                    lambda: self.editor.doc.diagram.rules.params.get("corpus_threshold"),
                    self._set_threshold)
        caption = QLabel("Corpus threshold")
        caption.setToolTip(threshold.spec.description)
        threshold.widget.setToolTip(threshold.spec.description)
        rows.addRow(caption, threshold.widget)

    def _push_rules(self, rules: RuleSettings | None, error: str = "") -> bool:
        if rules is None:
            self.editor.editFailed.emit(error)
            return False
        return self.editor.push(SetRuleSettings(rules))

    def _rules_with(self, **changes: Any) -> tuple[RuleSettings | None, str]:
        current = self.editor.doc.diagram.rules
        data = {"disabled": list(current.disabled), "severity": dict(current.severity),
                "params": dict(current.params), **changes}
        try:
            return RuleSettings.model_validate(data, strict=True), ""
        except ValidationError as exc:
            return None, f"Rule settings: {validation_message(exc, data)}"

    def _set_enabled(self, rule: str, on: bool) -> bool:
        disabled = [r for r in self.editor.doc.diagram.rules.disabled if r != rule] + ([] if on else [rule])
        return self._push_rules(*self._rules_with(disabled=disabled))

    def _set_severity(self, rule: str, value: str) -> bool:
        severity: dict[str, str] = {k: v for k, v in self.editor.doc.diagram.rules.severity.items() if k != rule}
        if value:
            severity[rule] = value
        return self._push_rules(*self._rules_with(severity=severity))

    def _set_threshold(self, value: int | None) -> bool:
        params = {k: v for k, v in self.editor.doc.diagram.rules.params.items() if k != "corpus_threshold"}
        if value is not None:
            params["corpus_threshold"] = value
        return self._push_rules(*self._rules_with(params=params))
